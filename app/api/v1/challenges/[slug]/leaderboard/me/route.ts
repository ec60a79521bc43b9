import { NextResponse } from "next/server";
import { route } from "@/lib/api-error";
import { challengeForApi } from "@/lib/challenge-access";
import { readerStandingBody } from "@/lib/reader-standing";

export const dynamic = "force-dynamic";

/**
 * The caller's own place on a leaderboard. The leaderboard page is one shared render for every reader (served from
 * the start script's micro-cache); this small personal answer highlights the reader's row and fills "your rank".
 * Under `npm start`, a browser session's request is answered before Next.js by lib/reader-edge.ts (same body).
 */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { challenge, user } = await challengeForApi((await ctx.params).slug, req);
  return NextResponse.json(await readerStandingBody(challenge, user), { headers: { "Cache-Control": "private, no-store" } });
});
