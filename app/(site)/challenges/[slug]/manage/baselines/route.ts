import { NextResponse } from "next/server";
import { route } from "@/lib/api-error";
import { managedChallengeForApi } from "@/lib/challenge-access";
import { listBaselineRuns } from "@/db/queries/baseline-runs";

export const dynamic = "force-dynamic";

/** The challenge's baseline trainer runs with their progress, for the manage page's live view (organisers only). */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { db, challenge } = await managedChallengeForApi((await ctx.params).slug, req);
  return NextResponse.json({ runs: await listBaselineRuns(db, challenge.id) });
});
