import { isPrivateRevealed } from "@/challenges/phase-status";
import { getDb } from "@/db";
import { benchmarkRows, privateLeaderboard, publicLeaderboard } from "@/db/queries/leaderboard";
import { isMetricId, METRICS } from "@/scoring/registry";
import { loadChallenge } from "../load";

export const PAGE_SIZE = 50;

/**
 * The leaderboard a visitor may see. Private scores are read only when revealed;
 * before that the private query is never run, so nothing private can leak into a payload.
 */
export async function loadBoard(slug: string, view: string | undefined, page: number, pageSize = PAGE_SIZE) {
  const { challenge } = await loadChallenge(slug);
  if (!isMetricId(challenge.metricId)) throw new Error(`unknown metric ${challenge.metricId}`);
  const metric = METRICS[challenge.metricId];
  const revealed = isPrivateRevealed(challenge.state, challenge.privateRevealedAt);
  const db = await getDb();
  const params = { challengeId: challenge.id, higherIsBetter: metric.higherIsBetter, limit: pageSize, offset: (page - 1) * pageSize };
  const showPrivate = revealed && view === "private";
  const board = showPrivate
    ? await privateLeaderboard(db, { ...params, finalSelections: challenge.finalSelections })
    : await publicLeaderboard(db, params);
  return { challenge, metric, revealed, showPrivate, board, benchmarks: await benchmarkRows(db, challenge.id) };
}
