import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { requestIdentity } from "@/lib/api-auth";
import { ApiError, route } from "@/lib/api-error";
import { canManageChallenge } from "@/lib/authz";
import { listBaselineRuns } from "@/lib/jobs/baseline-job";

export const dynamic = "force-dynamic";

/** The challenge's baseline trainer runs with their progress, for the manage page's live view (organisers only). */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { slug } = await ctx.params;
  const { user } = await requestIdentity(req);
  if (!user) throw new ApiError(401, "unauthenticated", "Sign in first.");
  const db = await getDb();
  const challenge = await getChallengeBySlug(db, slug);
  if (!challenge || !(await canManageChallenge(db, challenge, user))) throw new ApiError(404, "not_found", `No challenge "${slug}"`);
  return NextResponse.json({ runs: await listBaselineRuns(db, challenge.id) });
});
