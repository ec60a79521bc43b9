import { NextResponse } from "next/server";
import { isPrivateRevealed } from "@/challenges/phase-status";
import { getPrivateScore, getSubmissionWithPublicScore } from "@/db/queries/submissions";
import { getTeamOfUser } from "@/db/queries/teams";
import { requireApiUser } from "@/lib/api-auth";
import { ApiError, route } from "@/lib/api-error";
import { presentSubmission } from "@/lib/api/v1/present";
import type { ApiSubmissionDetail } from "@/lib/api/v1/schemas";
import { canManageChallenge } from "@/lib/authz";
import { challengeForApi } from "@/lib/challenge-access";
import { getQueue } from "@/lib/jobs/shared-queue";

export const dynamic = "force-dynamic";

/** One submission of your team (or any, for the challenge's organisers): status, public score, private once revealed. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string; id: string }> }) => {
  const { slug, id } = await ctx.params;
  const caller = await requireApiUser(req, "see a submission");
  const { db, challenge } = await challengeForApi(slug, caller);
  const row = await getSubmissionWithPublicScore(db, Number.parseInt(id, 10) || 0);
  const notFound = new ApiError(404, "not_found", `No submission ${id} of your team in ${slug}.`);
  if (!row || row.submission.challengeId !== challenge.id) throw notFound;
  const team = await getTeamOfUser(db, challenge.id, caller.user.id);
  const own = team !== undefined && row.submission.teamId === team.id;
  if (!own && !(await canManageChallenge(db, challenge, caller.user))) throw notFound;
  const s = row.submission;
  const position = s.status === "queued" ? await (await getQueue()).position(s.id) : null;
  // The private query runs only after the reveal, so nothing private can be in this payload before it.
  const priv = isPrivateRevealed(challenge.state) ? await getPrivateScore(db, s.id) : undefined;
  const body: ApiSubmissionDetail = {
    ...presentSubmission({ ...s, publicScore: row.publicScore, publicStd: row.publicStd }, position),
    publicDetails: row.publicDetails ?? null,
    private: priv ? { score: priv.score, std: priv.std } : null,
  };
  return NextResponse.json({ submission: body });
});
