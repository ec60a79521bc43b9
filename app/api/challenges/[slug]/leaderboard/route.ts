import { NextResponse } from "next/server";
import { loadBoard } from "@/app/(site)/challenges/[slug]/leaderboard/load-board";
import { route } from "@/lib/api-error";

export const dynamic = "force-dynamic";

/** The leaderboard as JSON: `?view=public|private&page=N&pageSize=M` (private only once revealed). */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { slug } = await ctx.params;
  const q = new URL(req.url).searchParams;
  const page = Math.max(1, Number.parseInt(q.get("page") ?? "1", 10) || 1);
  const pageSize = Math.min(500, Math.max(1, Number.parseInt(q.get("pageSize") ?? "50", 10) || 50));
  const { metric, revealed, showPrivate, board, benchmarks } = await loadBoard(slug, q.get("view") ?? "public", page, pageSize);
  return NextResponse.json({
    view: showPrivate ? "private" : "public",
    privateRevealed: revealed,
    metric: { id: metric.id, label: metric.label, higherIsBetter: metric.higherIsBetter, precision: metric.precision },
    page,
    pageSize,
    total: board.total,
    rows: board.rows,
    benchmarks: benchmarks.map((b) => ({ name: b.name, score: showPrivate ? null : b.score, std: showPrivate ? null : b.std })),
  });
});
