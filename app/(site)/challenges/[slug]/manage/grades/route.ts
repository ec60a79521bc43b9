import { classRoster, rosterCsv } from "@/db/queries/classes";
import { route } from "@/lib/api-error";
import { managedChallengeForApi } from "@/lib/challenge-access";
import { isMetricId, METRICS } from "@/scoring/registry";

export const dynamic = "force-dynamic";

/** The grade export: every student with team, entries, best scores and ranks (organisers of the challenge only). */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { slug } = await ctx.params;
  const { db, challenge } = await managedChallengeForApi(slug, req);
  const higherIsBetter = isMetricId(challenge.metricId) ? METRICS[challenge.metricId].higherIsBetter : true;
  return new Response(rosterCsv(await classRoster(db, challenge, higherIsBetter)), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${slug}-grades.csv"` },
  });
});
