import { route } from "@/lib/api-error";
import { loadBoard } from "../load-board";

export const dynamic = "force-dynamic";

const csvField = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The whole leaderboard (public, or private once revealed) as CSV. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { slug } = await ctx.params;
  const view = new URL(req.url).searchParams.get("view") ?? "public";
  const { showPrivate, board } = await loadBoard(slug, view, 1, 1_000_000);
  const lines = ["Rank,Team,Score,Std,Entries,LastSubmission"];
  for (const r of board.rows) {
    lines.push([r.rank, csvField(r.teamName), r.score, r.std ?? "", r.entries, r.lastSubmissionAt.toISOString()].join(","));
  }
  return new Response(lines.join("\n") + "\n", {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug}-${showPrivate ? "private" : "public"}-leaderboard.csv"`,
    },
  });
});
