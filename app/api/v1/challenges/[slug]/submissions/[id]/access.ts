import { getSubmissionWithPublicScore } from "@/db/queries/submissions";
import { getTeamOfUser } from "@/db/queries/teams";
import { requireApiUser } from "@/lib/api-auth";
import { ApiError } from "@/lib/api-error";
import { canManageChallenge } from "@/lib/authz";
import { challengeForApi } from "@/lib/challenge-access";

/** A submission the caller may see: their team's own, or any for the challenge's organisers; else 404 (not 403). */
export async function visibleSubmission(req: Request, slug: string, id: string, action: string) {
  const caller = await requireApiUser(req, action);
  const { db, challenge } = await challengeForApi(slug, caller);
  const row = await getSubmissionWithPublicScore(db, Number.parseInt(id, 10) || 0);
  const notFound = new ApiError(404, "not_found", `No submission ${id} of your team in ${slug}.`);
  if (!row || row.submission.challengeId !== challenge.id) throw notFound;
  const team = await getTeamOfUser(db, challenge.id, caller.user.id);
  const own = team !== undefined && row.submission.teamId === team.id;
  if (!own && !(await canManageChallenge(db, challenge, caller.user))) throw notFound;
  return { db, challenge, row };
}
