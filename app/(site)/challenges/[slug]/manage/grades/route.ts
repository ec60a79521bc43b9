import { getDb } from "@/db";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { classRoster, rosterCsv } from "@/db/queries/classes";
import { requestIdentity } from "@/lib/api-auth";
import { ApiError, route } from "@/lib/api-error";
import { canManageChallenge } from "@/lib/authz";
import { isMetricId, METRICS } from "@/scoring/registry";

export const dynamic = "force-dynamic";

/** The grade export: every student with team, entries, best scores and ranks (organisers of the challenge only). */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { slug } = await ctx.params;
  const { user } = await requestIdentity(req);
  if (!user) throw new ApiError(401, "unauthenticated", "Sign in to export grades.");
  const db = await getDb();
  const challenge = await getChallengeBySlug(db, slug);
  // Someone who may not manage it learns nothing, not even that it exists.
  if (!challenge || !(await canManageChallenge(db, challenge, user))) throw new ApiError(404, "not_found", `No challenge "${slug}"`);
  const higherIsBetter = isMetricId(challenge.metricId) ? METRICS[challenge.metricId].higherIsBetter : true;
  return new Response(rosterCsv(await classRoster(db, challenge, higherIsBetter)), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${slug}-grades.csv"` },
  });
});
