import { NextResponse } from "next/server";
import { ApiError, route } from "@/lib/api-error";
import { setChallengeGates } from "@/lib/challenge-gates";
import { readJsonBody } from "@/lib/csrf";
import { invalidateChallenge, managedChallengeForApi } from "@/lib/challenge-access";
import { gatesOfConfig } from "@/scoring/gates/gate-settings";

export const dynamic = "force-dynamic";

/** The gates of a challenge you organise. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { challenge } = await managedChallengeForApi((await ctx.params).slug, req);
  return NextResponse.json({ gates: gatesOfConfig(challenge.config) });
});

/**
 * Switches a challenge's gates: body `{ "gates": [{ "id": "ks-agreement", "threshold": 0.09 }, { "id": "cvm-correlation",
 * "column": "mass" }] }` (an empty list switches them off). Applies to submissions scored from now on; rescore to apply
 * them to earlier ones.
 */
export const PUT = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { slug } = await ctx.params;
  const { db, challenge } = await managedChallengeForApi(slug, req);
  const result = await setChallengeGates(db, challenge, await readJsonBody(req, '{"gates": [{"id": "ks-agreement", "threshold": 0.09}]}'));
  if ("problems" in result) throw new ApiError(400, "bad_request", `Nothing was changed: ${result.problems.join("; ")}`);
  invalidateChallenge(slug);
  return NextResponse.json({ gates: result.gates });
});
