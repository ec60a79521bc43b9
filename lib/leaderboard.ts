import { isPrivateRevealed, type StatusAt } from "@/challenges/phase-status";
import { getDb } from "@/db";
import { benchmarkRows, leaderboardVersion, privateLeaderboard, publicLeaderboard, type LeaderboardPage } from "@/db/queries/leaderboard";
import { modelEfficiency } from "@/db/queries/submissions";
import type { Challenge } from "@/db/schema";
import { singleFlight, VersionedCache } from "@/lib/versioned-cache";
import { csvLine } from "./csv";
import { siteConfig } from "./site";
import { isMetricId, METRICS } from "@/scoring/registry";

export const PAGE_SIZE = siteConfig.leaderboardPageSize;

// Leaderboards are read far more often than they change. Each board is computed once per leaderboard version (raised
// by database triggers in the transaction that changes a score, a team or a benchmark, whichever process makes it),
// so readers share one computation and a new score shows on the very next request. Reading the version is one
// primary-key look-up, shared by the requests that arrive while it is in flight.
const boards = new VersionedCache<BoardData>();
const rankings = new VersionedCache<Ranking>(100);
const versionOf = singleFlight(async (challengeId: number) => leaderboardVersion(await getDb(), challengeId));

type BoardData = {
  board: LeaderboardPage;
  benchmarks: Awaited<ReturnType<typeof benchmarkRows>>;
  /** Model submissions' efficiency (size, latency), by submission id; empty for a board of prediction files. */
  models: Awaited<ReturnType<typeof modelEfficiency>>;
};
type Ranking = { total: number; byTeam: Map<number, { rank: number; score: number }> };

/** Drops cached boards (tests switch databases under one process; ids and versions repeat across them). */
export function clearLeaderboardCaches(): void {
  boards.clear();
  rankings.clear();
}

type BoardChallenge = Pick<Challenge, "id" | "metricId" | "privateRevealedAt" | "finalSelections"> & { state: StatusAt };

function metricOf(challenge: { metricId: string }) {
  if (!isMetricId(challenge.metricId)) throw new Error(`unknown metric ${challenge.metricId}`);
  return METRICS[challenge.metricId];
}

/**
 * The leaderboard of a challenge the caller may see (the caller checked visibility).
 * Private scores are read only when revealed; before that the private query is never
 * run, so nothing private can leak into a payload.
 */
export async function loadBoard(challenge: BoardChallenge, view: string | null | undefined, page: number, pageSize: number = PAGE_SIZE) {
  const metric = metricOf(challenge);
  const revealed = isPrivateRevealed(challenge.state);
  const db = await getDb();
  const params = { challengeId: challenge.id, higherIsBetter: metric.higherIsBetter, limit: pageSize, offset: (page - 1) * pageSize };
  const showPrivate = revealed && view === "private";
  // The number of final selections decides the private board, so it is part of the key.
  const key = `${challenge.id}:${showPrivate ? `private:${challenge.finalSelections}` : "public"}:${params.limit}:${params.offset}`;
  const data = await boards.get(key, await versionOf(challenge.id), async () => {
    const board = showPrivate
      ? await privateLeaderboard(db, { ...params, finalSelections: challenge.finalSelections })
      : await publicLeaderboard(db, params);
    const benchmarks = await benchmarkRows(db, { challengeId: challenge.id, higherIsBetter: metric.higherIsBetter });
    const models = await modelEfficiency(
      db,
      [...board.rows, ...benchmarks].map((r) => r.submissionId),
    );
    return { board, benchmarks, models };
  });
  return { metric, revealed, showPrivate, ...data };
}

/** A team's place on the public leaderboard (as publicLeaderboard ranks it), or null while it has no score there. */
export async function publicStanding(challenge: { id: number; metricId: string }, teamId: number) {
  const metric = metricOf(challenge);
  const ranking = await rankings.get(String(challenge.id), await versionOf(challenge.id), async () => {
    const all = await publicLeaderboard(await getDb(), {
      challengeId: challenge.id,
      higherIsBetter: metric.higherIsBetter,
      limit: 1_000_000,
      offset: 0,
    });
    return { total: all.total, byTeam: new Map(all.rows.map((r) => [r.teamId, { rank: r.rank, score: r.score }])) };
  });
  const mine = ranking.byTeam.get(teamId);
  return mine ? { ...mine, total: ranking.total } : null;
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
    lines.push(
      csvLine([
        r.rank,
        r.teamName,
        r.score,
        r.std,
        r.entries,
        r.lastSubmissionAt.toISOString(),
        m?.bytes ?? null,
        m?.msPer1000Events ?? null,
        m?.operators ?? null,
      ]),
    );
  }
  return new Response(lines.join("\n") + "\n", {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${challenge.slug}-${showPrivate ? "private" : "public"}-leaderboard.csv"`,
    },
  });
}
