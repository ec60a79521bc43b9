import { isPrivateRevealed } from "@/challenges/phase-status";
import { getDb } from "@/db";
import { benchmarkRows, privateLeaderboard, publicLeaderboard } from "@/db/queries/leaderboard";
import { TtlCache } from "@/lib/ttl-cache";
import { isMetricId, METRICS } from "@/scoring/registry";
import { notFound } from "next/navigation";
import { findVisibleChallenge } from "@/lib/challenge-access";

export const PAGE_SIZE = 50;

// Leaderboards are read far more often than they change; two seconds of
// staleness keeps the database out of the hot path under load.
const boards = new TtlCache<Awaited<ReturnType<typeof publicLeaderboard>>>(2000);
const benchmarkCache = new TtlCache<Awaited<ReturnType<typeof benchmarkRows>>>(2000);

/**
 * The leaderboard a visitor may see. Private scores are read only when revealed;
 * before that the private query is never run, so nothing private can leak into a payload.
 */
export async function loadBoard(slug: string, view: string | undefined, page: number, pageSize = PAGE_SIZE) {
  const challenge = await findVisibleChallenge(slug);
  if (!challenge) notFound();
  if (!isMetricId(challenge.metricId)) throw new Error(`unknown metric ${challenge.metricId}`);
  const metric = METRICS[challenge.metricId];
  const revealed = isPrivateRevealed(challenge.state, challenge.privateRevealedAt);
  const db = await getDb();
  const params = { challengeId: challenge.id, higherIsBetter: metric.higherIsBetter, limit: pageSize, offset: (page - 1) * pageSize };
  const showPrivate = revealed && view === "private";
  const key = `${challenge.id}:${showPrivate ? "private" : "public"}:${params.limit}:${params.offset}`;
  const board = await boards.get(key, () =>
    showPrivate ? privateLeaderboard(db, { ...params, finalSelections: challenge.finalSelections }) : publicLeaderboard(db, params),
  );
  const benchmarks = await benchmarkCache.get(String(challenge.id), () => benchmarkRows(db, challenge.id));
  return { challenge, metric, revealed, showPrivate, board, benchmarks };
}
