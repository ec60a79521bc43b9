import { NextResponse } from "next/server";
import type { z } from "zod";
import { route } from "@/lib/api-error";
import type { readerStandingSchema } from "@/lib/api/v1/schemas";
import { challengeForApi } from "@/lib/challenge-access";
import { readerStanding } from "@/lib/reader-standing";

export const dynamic = "force-dynamic";

/**
 * The caller's own place on a leaderboard. The leaderboard page is one shared render for every reader (served from
 * the start script's micro-cache); this small personal answer highlights the reader's row and fills "your rank".
 */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { challenge, user } = await challengeForApi((await ctx.params).slug, req);
  const mine = await readerStanding(challenge, user);
  const body: z.infer<typeof readerStandingSchema> = {
    user: user ? { name: user.name, email: user.email, role: user.role } : null,
    canManage: mine?.canManage ?? false,
    team: mine?.teamId != null ? { id: mine.teamId, name: mine.teamName ?? "" } : null,
    standing: mine?.standing ?? null,
    precision: mine?.precision ?? 4,
  };
  return NextResponse.json(body, { headers: { "Cache-Control": "private, no-store" } });
});
