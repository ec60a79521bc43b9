import type { Metadata } from "next";
import Link from "next/link";
import type { PrivateLeaderboardRow } from "@/db/queries/leaderboard";
import { formatBytes } from "@/lib/format";
import { loadBoard, PAGE_SIZE } from "@/lib/leaderboard";
import { loadChallenge } from "../load";
import { BoardRow, ReaderStanding, YourTeamBadge } from "./reader-marks";
import { formatScore } from "@/scoring/score-value";

export const metadata: Metadata = { title: "Leaderboard" };

export const dynamic = "force-dynamic";

export default async function LeaderboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ view?: string; page?: string }>;
}) {
  const { slug } = await params;
  const sp = await searchParams;
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const { challenge } = await loadChallenge(slug);
  // The same page for every reader, so that one render serves them all (scripts/start.ts's micro-cache); what is the
  // reader's own (their row, their rank) is marked in the browser by ReaderStanding.
  const { metric, revealed, showPrivate, board, benchmarks, models } = await loadBoard(challenge, sp.view, page);
  const fmt = (x: number) => formatScore(x, metric.precision);
  // Model submissions' efficiency columns appear once any entry shown (a benchmark too) is a model.
  const modelColumns = [...board.rows, ...benchmarks].some((r) => models.has(r.submissionId));
  const pages = Math.max(1, Math.ceil(board.total / PAGE_SIZE));
  const base = `/challenges/${slug}/leaderboard`;
  const view = showPrivate ? "private" : "public";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">{showPrivate ? "Private" : "Public"} leaderboard</h2>
        <nav className="flex gap-2 text-sm">
          <Link href={base} className={view === "public" ? "font-semibold" : "text-brand-600 underline"}>
            Public
          </Link>
          {revealed ? (
            <Link href={`${base}?view=private`} className={view === "private" ? "font-semibold" : "text-brand-600 underline"}>
              Private
            </Link>
          ) : (
            <span className="text-slate-400" title="Revealed when the challenge ends">
              Private (hidden until the end)
            </span>
          )}
        </nav>
        <a href={`${base}/csv?view=${view}`} className="ml-auto text-sm text-brand-600 underline">
          Download CSV
        </a>
      </div>
      <p className="text-sm text-slate-600">
        {metric.label} on the {view} subset ({metric.higherIsBetter ? "higher" : "lower"} is better). ≈ marks a team statistically tied with
        the one above (difference within the combined bootstrap uncertainty).
      </p>
      <ReaderStanding slug={slug} />
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-sm" data-testid="leaderboard">
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th className="px-3 py-2">#</th>
              {showPrivate && <th className="px-3 py-2">Δ</th>}
              <th className="px-3 py-2">Team</th>
              <th className="px-3 py-2 text-right">{metric.label}</th>
              {modelColumns && (
                <>
                  <th className="px-3 py-2 text-right" title="Inference time per 1,000 events on the worker (one thread, median of 3 runs)">
                    ms / 1k events
                  </th>
                  <th className="px-3 py-2 text-right">Model size</th>
                  <th className="px-3 py-2 text-right">Operators</th>
                </>
              )}
              <th className="px-3 py-2 text-right">Entries</th>
              <th className="px-3 py-2 text-right">Last</th>
            </tr>
          </thead>
          <tbody>
            {benchmarks.map((b) => (
              <tr
                key={`b${b.submissionId}`}
                className="border-b border-slate-200 bg-slate-50 italic text-slate-600"
                data-testid="benchmark-row"
              >
                <td className="px-3 py-2">—</td>
                {showPrivate && <td />}
                <td className="px-3 py-2">Benchmark: {b.name}</td>
                <td className="px-3 py-2 text-right tabular-nums">{showPrivate ? "" : fmt(b.score)}</td>
                {modelColumns && <ModelCells m={models.get(b.submissionId)} />}
                <td colSpan={2} />
              </tr>
            ))}
            {board.rows.map((r) => (
              <BoardRow key={r.teamId} slug={slug} teamId={r.teamId}>
                <td className="px-3 py-2 tabular-nums">
                  {r.rank}
                  {r.tiedWithPrevious && <span title="Statistically tied with the team above"> ≈</span>}
                </td>
                {showPrivate && <td className="px-3 py-2 tabular-nums">{formatChange((r as PrivateLeaderboardRow).rankChange)}</td>}
                <td className="px-3 py-2">
                  {r.teamName}
                  <YourTeamBadge slug={slug} teamId={r.teamId} />
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {fmt(r.score)}
                  {r.std !== null && <span className="text-slate-500"> ± {fmt(r.std)}</span>}
                </td>
                {modelColumns && <ModelCells m={models.get(r.submissionId)} />}
                <td className="px-3 py-2 text-right tabular-nums">{r.entries}</td>
                <td className="px-3 py-2 text-right text-slate-500">{r.lastSubmissionAt.toISOString().slice(0, 10)}</td>
              </BoardRow>
            ))}
            {board.rows.length === 0 && (
              <tr>
                <td colSpan={modelColumns ? 9 : 6} className="px-3 py-6 text-center text-slate-500">
                  No scored submissions yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="flex items-center gap-3 text-sm" aria-label="Pages">
          {page > 1 && <Link href={`${base}?view=${view}&page=${page - 1}`}>← Previous</Link>}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={`${base}?view=${view}&page=${page + 1}`}>Next →</Link>}
        </nav>
      )}
    </div>
  );
}

function formatChange(d: number | null): string {
  if (d === null || d === 0) return "–";
  return d > 0 ? `▲${d}` : `▼${-d}`;
}

/** A model entry's efficiency; a predictions entry has none. */
function ModelCells({ m }: { m: { sizeBytes: number; stats: { msPer1000: number; operatorCount: number } } | undefined }) {
  if (!m)
    return (
      <td colSpan={3} className="px-3 py-2 text-center text-slate-400">
        predictions
      </td>
    );
  return (
    <>
      <td className="px-3 py-2 text-right tabular-nums" data-testid="model-latency">
        {m.stats.msPer1000.toFixed(3)}
      </td>
      <td className="px-3 py-2 text-right tabular-nums">{formatBytes(m.sizeBytes)}</td>
      <td className="px-3 py-2 text-right tabular-nums">{m.stats.operatorCount}</td>
    </>
  );
}
