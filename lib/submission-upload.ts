import { NextResponse } from "next/server";
import type { Db } from "@/db";
import { DailyLimitError, getSubmissionWithPublicScore, IdempotencyKeyReuseError, storeSubmission } from "@/db/queries/submissions";
import { ensureTeam } from "@/db/queries/teams";
import type { Submission, User } from "@/db/schema";
import { ApiError } from "./api-error";
import { retryWhileDatabaseUnavailable, rootMessage } from "./db-unavailable";
import { presentSubmission } from "./api/v1/present";
import { getQueue } from "./jobs/shared-queue";
import type { PreparedUpload } from "./uploads";

/** Printable ASCII without spaces, as UUIDs and the usual random keys are. */
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** The request's Idempotency-Key header (undefined when absent); a malformed one is the client's error. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.headers.get("idempotency-key");
  if (key === null) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw new ApiError(
      400,
      "bad_idempotency_key",
      "The Idempotency-Key header must be 1 to 200 printable ASCII characters without spaces (e.g. a UUID).",
    );
  }
  return key;
}

export interface AcceptedUpload {
  db: Db;
  challenge: { id: number; dailySubmissionLimit: number };
  user: Pick<User, "id" | "name" | "email">;
  filename: string;
  description: string;
  prepared: PreparedUpload;
  format: Submission["format"];
  idempotencyKey: string | undefined;
}

/**
 * Stores a checked upload for the user's team and queues it: 201 with the submission. A repeat of an earlier upload
 * with the same Idempotency-Key answers 201 with that submission as it is now (header `Idempotent-Replayed: true`),
 * storing and counting nothing. Once the row is stored the upload is accepted even if queueing fails (it is queued
 * when the database is back), so a client never sees an error for a submission that exists.
 */
export async function acceptUpload(req: Request, u: AcceptedUpload): Promise<Response> {
  const team = await ensureTeam(u.db, u.challenge.id, u.user);
  let stored;
  try {
    stored = await storeSubmission(u.db, {
      challengeId: u.challenge.id,
      teamId: team.id,
      userId: u.user.id,
      dailyLimit: u.challenge.dailySubmissionLimit,
      filename: u.filename.slice(0, 200),
      description: u.description.slice(0, 1000),
      ...u.prepared,
      format: u.format,
      idempotencyKey: u.idempotencyKey,
    });
  } catch (err) {
    if (err instanceof DailyLimitError) throw new ApiError(409, "limit_reached", err.message);
    if (err instanceof IdempotencyKeyReuseError) throw new ApiError(422, "idempotency_key_reused", err.message);
    throw err;
  }
  const { submission, replayed } = stored;
  let position: number | null = null;
  if (submission.status === "queued") {
    try {
      const queue = await getQueue();
      // Also on a replay: the first attempt may have stored the row and lost its job (one waiting job per submission).
      await queue.enqueue(submission.id);
      position = await queue.position(submission.id);
    } catch (err) {
      console.error(`[api] submission ${submission.id} stored but not queued yet: ${rootMessage(err)}`);
      // Queued as soon as the database is back; should this process die first, the workers' orphan sweep does it.
      void retryWhileDatabaseUnavailable(async () => (await getQueue()).enqueue(submission.id), { maxWaitMs: 120_000 }).then(
        () => console.error(`[api] submission ${submission.id} queued`),
        (e: unknown) => console.error(`[api] submission ${submission.id} left to the workers' orphan sweep: ${rootMessage(e)}`),
      );
    }
  }
  const current = replayed ? await getSubmissionWithPublicScore(u.db, submission.id) : undefined;
  const body = presentSubmission(
    { ...(current?.submission ?? submission), publicScore: current?.publicScore ?? null, publicStd: current?.publicStd ?? null },
    position,
  );
  const headers: Record<string, string> = { Location: `${new URL(req.url).pathname}/${submission.id}` };
  if (replayed) headers["Idempotent-Replayed"] = "true";
  return NextResponse.json({ submission: body }, { status: 201, headers });
}
