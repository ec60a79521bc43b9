import { route } from "@/lib/api-error";
import { challengeForApi } from "@/lib/challenge-access";
import { leaderboardCsvResponse } from "@/lib/leaderboard";

export const dynamic = "force-dynamic";

/** The whole leaderboard (public, or private once revealed) as CSV. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { challenge } = await challengeForApi((await ctx.params).slug, req);
  return leaderboardCsvResponse(challenge, new URL(req.url).searchParams.get("view"));
});
