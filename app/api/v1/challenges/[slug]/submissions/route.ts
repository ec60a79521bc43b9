import { NextResponse } from "next/server";
import { listTeamSubmissions } from "@/db/queries/submissions";
import { getTeamOfUser } from "@/db/queries/teams";
import { requireApiUser } from "@/lib/api-auth";
import { ApiError, route } from "@/lib/api-error";
import { presentSubmission } from "@/lib/api/v1/present";
import { challengeForApi } from "@/lib/challenge-access";
import { EmailUnverifiedError, requireVerifiedEmail } from "@/lib/email-verification";
import { env } from "@/lib/env";
import { getQueue } from "@/lib/jobs/shared-queue";
import { checkSubmissionMode, isModelFilename, prepareModelUpload } from "@/lib/onnx/upload";
import { acceptUpload, idempotencyKeyOf } from "@/lib/submission-upload";
import { readSubmissionBody } from "@/lib/upload-body";
import { prepareDesignUpload, prepareUpload } from "@/lib/uploads";
import { isMetricId, METRICS } from "@/scoring/registry";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string }> };

/**
 * Upload a submission: the raw CSV or .csv.gz as the body (name in `X-Filename`,
 * optional `X-Description`, URI-encoded), or multipart with `file` and `description`.
 * An `Idempotency-Key` header makes a retried upload return the first one's submission.
 */
export const POST = route(async (req: Request, ctx: Ctx) => {
  const caller = await requireApiUser(req, "submit");
  const idempotencyKey = idempotencyKeyOf(req);
  const { db, challenge } = await challengeForApi((await ctx.params).slug, caller);
  const { user } = caller;
  if (challenge.state.status !== "open") {
    throw new ApiError(403, "challenge_closed", `This challenge is ${challenge.state.status}: submissions are not accepted now.`);
  }
  if (!isMetricId(challenge.metricId)) throw new Error(`challenge ${challenge.slug} has unknown metric ${challenge.metricId}`);
  // The one door every upload comes through (browser form, API, command-line client).
  await requireVerifiedEmail(db, user, Boolean(env().SMTP_URL), "submit").catch((err: unknown) => {
    throw err instanceof EmailUnverifiedError ? new ApiError(403, "email_unverified", err.message) : err;
  });
  const maxBytes = env().MAX_UPLOAD_MB * 1024 * 1024;

  const { bytes, filename, description } = await readSubmissionBody(req, maxBytes);
  const format = METRICS[challenge.metricId].submissionFormat;
  const isModel = isModelFilename(filename);
  checkSubmissionMode(challenge, isModel);
  const prepared = isModel
    ? prepareModelUpload(bytes, challenge)
    : format === "design"
      ? prepareDesignUpload(bytes)
      : await prepareUpload(bytes, format, maxBytes);
  return acceptUpload(req, {
    db,
    challenge,
    user,
    filename,
    description,
    prepared,
    format: isModel ? "model" : "predictions",
    idempotencyKey,
  });
});

/** The signed-in user's team's submissions, with public scores and queue positions. */
export const GET = route(async (req: Request, ctx: Ctx) => {
  const caller = await requireApiUser(req, "see your submissions");
  const { db, challenge } = await challengeForApi((await ctx.params).slug, caller);
  const { user } = caller;
  const team = await getTeamOfUser(db, challenge.id, user.id);
  const rows = team ? await listTeamSubmissions(db, team.id) : [];
  const queue = await getQueue();
  const body = await Promise.all(rows.map(async (r) => presentSubmission(r, r.status === "queued" ? await queue.position(r.id) : null)));
  return NextResponse.json({ submissions: body });
});
