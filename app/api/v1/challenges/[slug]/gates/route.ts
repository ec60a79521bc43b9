import { NextResponse } from "next/server";
import { ApiError, route } from "@/lib/api-error";
import { rescoringMessage, setChallengeGates } from "@/lib/challenge-gates";
import { readJsonBody } from "@/lib/csrf";
import { invalidateChallenge, managedChallengeForApi } from "@/lib/challenge-access";
import { getQueue } from "@/lib/jobs/shared-queue";
import { gatesOfConfig } from "@/scoring/gates/gate-settings";

export const dynamic = "force-dynamic";

/** The gates of a challenge you organise. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { challenge } = await managedChallengeForApi((await ctx.params).slug, req);
  return NextResponse.json({ gates: gatesOfConfig(challenge.config) });
});

/**
 * Switches a challenge's gates: body `{ "gates": [{ "id": "ks-agreement", "threshold": 0.09 }, { "id": "cvm-correlation",
 * "column": "mass" }] }` (an empty list switches them off). A change queues the challenge's finished submissions for
 * rescoring under the new checks: `{ gates, rescoring: N, message: "N submissions will be rescored." }`.
 */
export const PUT = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { slug } = await ctx.params;
  const { db, challenge } = await managedChallengeForApi(slug, req);
  const body = await readJsonBody(req, '{"gates": [{"id": "ks-agreement", "threshold": 0.09}]}');
  const result = await setChallengeGates(db, await getQueue(), challenge, body);
  if ("problems" in result) throw new ApiError(400, "bad_request", `Nothing was changed: ${result.problems.join("; ")}`);
  invalidateChallenge(slug);
  return NextResponse.json({ gates: result.gates, rescoring: result.rescoring, message: rescoringMessage(result.rescoring) });
});
