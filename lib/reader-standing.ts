import { getDb } from "@/db";
import { readerOfChallenge } from "@/db/queries/leaderboard";
import type { Challenge, User } from "@/db/schema";
import { managesChallenge } from "@/lib/authz";
import { publicStanding } from "@/lib/leaderboard";
import { isMetricId, METRICS } from "@/scoring/registry";

export type ReaderStanding = {
  teamId: number | null;
  teamName: string | null;
  standing: { rank: number; total: number; score: number } | null;
  precision: number;
  canManage: boolean;
};

/**
 * A signed-in reader's own view of a challenge: their team, its place on the public board, and whether they manage
 * the challenge. One indexed look-up per reader; the ranking itself is the board's, computed once per leaderboard
 * version for everyone (lib/leaderboard.ts).
 */
export async function readerStanding(challenge: Pick<Challenge, "id" | "metricId" | "createdBy">, user: User | undefined): Promise<ReaderStanding | null> {
  if (!user) return null;
  const mine = await readerOfChallenge(await getDb(), challenge.id, user.id);
  const canManage = await managesChallenge(challenge, user, () => mine.coOrganiser);
  const standing = mine.teamId === null ? null : await publicStanding(challenge, mine.teamId);
  const precision = isMetricId(challenge.metricId) ? METRICS[challenge.metricId].precision : 4;
  return { teamId: mine.teamId, teamName: mine.teamName, standing, precision, canManage };
}
