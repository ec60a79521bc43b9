import { NextResponse } from "next/server";
import { FinalSelectionError, setFinalSelection } from "@/db/queries/submissions";
import { getTeamOfUser } from "@/db/queries/teams";
import { requireApiUser } from "@/lib/api-auth";
import { ApiError, route } from "@/lib/api-error";
import { readJsonBody } from "@/lib/csrf";
import { finalSelectionSchema } from "@/lib/api/v1/schemas";
import { challengeForApi } from "@/lib/challenge-access";

/** Mark (or unmark) one of your team's scored submissions as final. */
export const POST = route(async (req: Request, ctx: { params: Promise<{ slug: string; id: string }> }) => {
  const { slug, id } = await ctx.params;
  const caller = await requireApiUser(req, "select final submissions");
  const { db, challenge } = await challengeForApi(slug, caller);
  const { user } = caller;
  if (challenge.state.status === "ended")
    throw new ApiError(403, "challenge_closed", "The challenge has ended: final selections are frozen.");
  const body = finalSelectionSchema.safeParse(await readJsonBody(req, '{"selected": true}'));
  if (!body.success) throw new ApiError(400, "bad_request", 'Send JSON {"selected": true|false}.');
  const team = await getTeamOfUser(db, challenge.id, user.id);
  const submissionId = Number.parseInt(id, 10);
  if (!team || !Number.isInteger(submissionId)) throw new ApiError(404, "not_found", "No such submission of your team.");
  try {
    await setFinalSelection(db, { teamId: team.id, submissionId, selected: body.data.selected, maxFinals: challenge.finalSelections });
  } catch (err) {
    if (err instanceof FinalSelectionError) throw new ApiError(409, "final_selection", err.message);
    throw err;
  }
  return NextResponse.json({ ok: true });
});
