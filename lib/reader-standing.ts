import { scoreToJson } from "@/scoring/score-value";
import { getDb } from "@/db";
import { readerOfChallenge } from "@/db/queries/leaderboard";
import type { Challenge, User } from "@/db/schema";
import type { readerStandingSchema } from "@/lib/api/v1/schemas";
import type { z } from "zod";
import { managesChallenge } from "@/lib/manages-challenge";
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
export async function readerStanding(
  challenge: Pick<Challenge, "id" | "metricId" | "createdBy">,
  user: User | undefined,
): Promise<ReaderStanding | null> {
  if (!user) return null;
  const mine = await readerOfChallenge(await getDb(), challenge.id, user.id);
  const canManage = await managesChallenge(challenge, user, () => mine.coOrganiser);
  const standing = mine.teamId === null ? null : await publicStanding(challenge, mine.teamId);
  const precision = isMetricId(challenge.metricId) ? METRICS[challenge.metricId].precision : 4;
  return { teamId: mine.teamId, teamName: mine.teamName, standing, precision, canManage };
}

/** The answer of GET /api/v1/challenges/{slug}/leaderboard/me (the route, and the start script's edge for sessions). */
export async function readerStandingBody(
  challenge: Pick<Challenge, "id" | "metricId" | "createdBy">,
  user: User | undefined,
): Promise<z.infer<typeof readerStandingSchema>> {
  const mine = await readerStanding(challenge, user);
  return {
    user: user ? { name: user.name, email: user.email, role: user.role } : null,
    canManage: mine?.canManage ?? false,
    team: mine?.teamId != null ? { id: mine.teamId, name: mine.teamName ?? "" } : null,
    standing: mine?.standing ? { ...mine.standing, score: scoreToJson(mine.standing.score) } : null,
    precision: mine?.precision ?? (isMetricId(challenge.metricId) ? METRICS[challenge.metricId].precision : 4),
  };
}
