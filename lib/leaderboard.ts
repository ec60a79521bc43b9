import { isPrivateRevealed, type StatusAt } from "@/challenges/phase-status";
import { getDb } from "@/db";
import { benchmarkRows, privateLeaderboard, publicLeaderboard, type LeaderboardPage } from "@/db/queries/leaderboard";
import { modelEfficiency } from "@/db/queries/submissions";
import type { Challenge } from "@/db/schema";
import { TtlCache } from "@/lib/ttl-cache";
import { csvLine } from "./csv";
import { isMetricId, METRICS } from "@/scoring/registry";

export const PAGE_SIZE = 50;

// Leaderboards are read far more often than they change; two seconds of
// staleness keeps the database out of the hot path under load.
const boards = new TtlCache<LeaderboardPage>(2000);
const benchmarkCache = new TtlCache<Awaited<ReturnType<typeof benchmarkRows>>>(2000);

/** Drops cached boards (tests switch databases under one process; ids repeat across them). */
export function clearLeaderboardCaches(): void {
  boards.clear();
  benchmarkCache.clear();
}

type BoardChallenge = Pick<Challenge, "id" | "metricId" | "privateRevealedAt" | "finalSelections"> & { state: StatusAt };

/**
 * The leaderboard of a challenge the caller may see (the caller checked visibility).
 * Private scores are read only when revealed; before that the private query is never
 * run, so nothing private can leak into a payload.
 */
export async function loadBoard(challenge: BoardChallenge, view: string | null | undefined, page: number, pageSize = PAGE_SIZE) {
  if (!isMetricId(challenge.metricId)) throw new Error(`unknown metric ${challenge.metricId}`);
  const metric = METRICS[challenge.metricId];
  const revealed = isPrivateRevealed(challenge.state);
  const db = await getDb();
  const params = { challengeId: challenge.id, higherIsBetter: metric.higherIsBetter, limit: pageSize, offset: (page - 1) * pageSize };
  const showPrivate = revealed && view === "private";
  const key = `${challenge.id}:${showPrivate ? "private" : "public"}:${params.limit}:${params.offset}`;
  const board = await boards.get(key, () =>
    showPrivate ? privateLeaderboard(db, { ...params, finalSelections: challenge.finalSelections }) : publicLeaderboard(db, params),
  );
  const benchmarks = await benchmarkCache.get(String(challenge.id), () => benchmarkRows(db, { challengeId: challenge.id, higherIsBetter: metric.higherIsBetter }));
  const models = await modelEfficiency(db, [...board.rows, ...benchmarks].map((r) => r.submissionId));
  return { metric, revealed, showPrivate, board, benchmarks, models };
}

/** A model entry's efficiency as the API and the CSV give it; null for a predictions file. */
export function modelFigures(m: ModelEfficiency | undefined): { bytes: number; msPer1000Events: number; operators: number } | null {
  return m ? { bytes: m.sizeBytes, msPer1000Events: m.stats.msPer1000, operators: m.stats.operatorCount } : null;
}

type ModelEfficiency = Awaited<ReturnType<typeof modelEfficiency>> extends Map<number, infer V> ? V : never;

/**
 * The whole leaderboard (public, or private once revealed) as a CSV download. A model entry's size in bytes, time per
 * 1,000 events (ms) and operator count fill the last three columns, empty for a predictions file.
 */
export async function leaderboardCsvResponse(challenge: BoardChallenge & { slug: string }, view: string | null): Promise<Response> {
  const { showPrivate, board, models } = await loadBoard(challenge, view, 1, 1_000_000);
  const lines = ["Rank,Team,Score,Std,Entries,LastSubmission,ModelBytes,ModelMsPer1000Events,ModelOperators"];
  for (const r of board.rows) {
    const m = modelFigures(models.get(r.submissionId));
    lines.push(csvLine([r.rank, r.teamName, r.score, r.std, r.entries, r.lastSubmissionAt.toISOString(), m?.bytes ?? null, m?.msPer1000Events ?? null, m?.operators ?? null]));
  }
  return new Response(lines.join("\n") + "\n", {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${challenge.slug}-${showPrivate ? "private" : "public"}-leaderboard.csv"`,
    },
  });
}
