import { scoreToJson } from "@/scoring/score-value";
import { NextResponse } from "next/server";
import { route } from "@/lib/api-error";
import { presentLeaderboardRow, presentMetric } from "@/lib/api/v1/present";
import { challengeForApi } from "@/lib/challenge-access";
import { leaderboardCsvResponse, loadBoard, modelFigures } from "@/lib/leaderboard";

export const dynamic = "force-dynamic";

/** The leaderboard: `?view=public|private&page=N&pageSize=M&format=json|csv` (private only once revealed; CSV is the whole board). */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { challenge } = await challengeForApi((await ctx.params).slug, req);
  const q = new URL(req.url).searchParams;
  if (q.get("format") === "csv") return leaderboardCsvResponse(challenge, q.get("view"));
  const page = Math.max(1, Number.parseInt(q.get("page") ?? "1", 10) || 1);
  const pageSize = Math.min(500, Math.max(1, Number.parseInt(q.get("pageSize") ?? "50", 10) || 50));
  const { revealed, showPrivate, board, benchmarks, models } = await loadBoard(challenge, q.get("view"), page, pageSize);
  return NextResponse.json({
    view: showPrivate ? "private" : "public",
    privateRevealed: revealed,
    metric: presentMetric(challenge.metricId),
    page,
    pageSize,
    total: board.total,
    rows: board.rows.map((r) => ({ ...presentLeaderboardRow(r), model: modelFigures(models.get(r.submissionId)) })),
    // Benchmarks have no private standing to show; their public scores are public anyway.
    benchmarks: benchmarks.map((b) => ({
      name: b.name,
      score: showPrivate ? null : scoreToJson(b.score),
      std: showPrivate ? null : b.std,
      model: modelFigures(models.get(b.submissionId)),
    })),
  });
});
