import { detailsToJson, scoreToJson } from "@/scoring/score-value";
import { NextResponse } from "next/server";
import { isPrivateRevealed } from "@/challenges/phase-status";
import { getPrivateScore } from "@/db/queries/submissions";
import { route } from "@/lib/api-error";
import { presentSubmission } from "@/lib/api/v1/present";
import type { ApiSubmissionDetail } from "@/lib/api/v1/schemas";
import { getQueue } from "@/lib/jobs/shared-queue";
import { visibleSubmission } from "./access";

export const dynamic = "force-dynamic";

/** One submission of your team (or any, for the challenge's organisers): status, public score, private once revealed. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string; id: string }> }) => {
  const { slug, id } = await ctx.params;
  const { db, challenge, row } = await visibleSubmission(req, slug, id, "see a submission");
  const s = row.submission;
  const position = s.status === "queued" ? await (await getQueue()).position(s.id) : null;
  // The private query runs only after the reveal, so nothing private can be in this payload before it.
  const priv = isPrivateRevealed(challenge.state) ? await getPrivateScore(db, s.id) : undefined;
  const body: ApiSubmissionDetail = {
    ...presentSubmission({ ...s, publicScore: row.publicScore, publicStd: row.publicStd }, position),
    gates: s.gates ?? null,
    publicDetails: row.publicDetails ? detailsToJson(row.publicDetails) : null,
    private: priv ? { score: scoreToJson(priv.score), std: priv.std } : null,
  };
  return NextResponse.json({ submission: body });
});
