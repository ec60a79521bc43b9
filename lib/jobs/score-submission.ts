import { randomUUID } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { and, eq, lt, or, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Db } from "@/db";
import { challenges, privateScores, publicScores, submissionFiles, submissions } from "@/db/schema";
import { CsvFormatError, isMetricId, scoreSubmission } from "@/scoring";
import { SCORE_QUEUE } from "./boss";
import { solutionForChallenge } from "./solutions";

export interface ScoringOptions {
  /** Bootstrap resamples for the ± on each score. */
  bootstrap: number;
  /** A claim older than this may be taken over (its worker is presumed dead); matches the job expiry. */
  leaseSeconds: number;
  /** Test-only: sleep this long after claiming, so a test can kill the worker mid-job. */
  pauseAfterClaimMs?: number;
}

export type JobOutcome = "scored" | "failed" | "skipped";

export async function enqueueScoring(boss: PgBoss, submissionId: number): Promise<void> {
  await boss.send(SCORE_QUEUE, { submissionId });
}

/** How many queued submissions are ahead of this one. */
export async function queuePosition(db: Db, submissionId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(submissions)
    .where(and(eq(submissions.status, "queued"), lt(submissions.id, submissionId)));
  return Number(row?.n ?? 0);
}

/**
 * Takes the submission for this worker: a queued one, or one whose previous
 * claim is older than the lease (that worker died). Returns the token that
 * alone may finish it, or null if someone else holds it or it is done.
 */
async function claim(db: Db, id: number, leaseSeconds: number): Promise<string | null> {
  const token = randomUUID();
  const [row] = await db
    .update(submissions)
    .set({ status: "scoring", startedAt: sql`now()`, scoringToken: token })
    .where(
      and(
        eq(submissions.id, id),
        or(
          eq(submissions.status, "queued"),
          and(eq(submissions.status, "scoring"), sql`${submissions.startedAt} < now() - make_interval(secs => ${leaseSeconds})`),
        ),
      ),
    )
    .returning({ id: submissions.id });
  return row ? token : null;
}

const owned = (id: number, token: string) =>
  and(eq(submissions.id, id), eq(submissions.status, "scoring"), eq(submissions.scoringToken, token));

/** Ends a submission as failed with a message the competitor sees (only if this worker holds it). */
export async function markFailed(db: Db, id: number, message: string, token?: string): Promise<void> {
  await db
    .update(submissions)
    .set({ status: "failed", error: message, finishedAt: sql`now()` })
    .where(token ? owned(id, token) : and(eq(submissions.id, id), sql`${submissions.status} in ('queued', 'scoring')`));
}

/**
 * Scores one submission. A malformed file is the competitor's to fix: it ends
 * as failed with every problem and its line. Any other error releases the claim
 * and is thrown, so the queue retries the job.
 */
export async function runScoringJob(db: Db, id: number, opts: ScoringOptions): Promise<JobOutcome> {
  const token = await claim(db, id, opts.leaseSeconds);
  if (!token) return "skipped";
  if (opts.pauseAfterClaimMs) await new Promise((r) => setTimeout(r, opts.pauseAfterClaimMs));
  try {
    const [row] = await db
      .select({ challengeId: submissions.challengeId, metricId: challenges.metricId, gz: submissionFiles.gzipContent })
      .from(submissions)
      .innerJoin(challenges, eq(challenges.id, submissions.challengeId))
      .innerJoin(submissionFiles, eq(submissionFiles.submissionId, submissions.id))
      .where(eq(submissions.id, id));
    if (!row) throw new Error(`submission ${id} has no stored file`);
    if (!isMetricId(row.metricId)) throw new Error(`unknown metric ${row.metricId}`);
    const solution = await solutionForChallenge(db, row.challengeId);
    const result = await scoreSubmission({
      solution,
      submission: gunzipSync(row.gz),
      metricId: row.metricId,
      bootstrap: opts.bootstrap,
      seed: id,
    });
    const { primary: pub, std: pubStd, ...pubDetails } = result.Public;
    const { primary: priv, std: privStd, ...privDetails } = result.Private;
    return await db.transaction(async (tx) => {
      const [mine] = await tx
        .update(submissions)
        .set({ status: "scored", error: null, finishedAt: sql`now()` })
        .where(owned(id, token))
        .returning({ id: submissions.id });
      // Our claim was taken over (we were presumed dead): the other worker finishes.
      if (!mine) return "skipped";
      await tx.insert(publicScores).values({ submissionId: id, score: pub, std: pubStd ?? null, details: pubDetails }).onConflictDoNothing();
      await tx.insert(privateScores).values({ submissionId: id, score: priv, std: privStd ?? null, details: privDetails }).onConflictDoNothing();
      return "scored";
    });
  } catch (err) {
    if (err instanceof CsvFormatError) {
      await markFailed(db, id, err.message, token);
      return "failed";
    }
    // Let the retry claim it at once rather than after the lease.
    await db.update(submissions).set({ status: "queued" }).where(owned(id, token));
    throw err;
  }
}

/** pg-boss handler: retries transient errors; after the last attempt the submission fails with the reason. */
export function scoringHandler(db: Db, opts: ScoringOptions) {
  return async ([job]: PgBoss.JobWithMetadata<{ submissionId: number }>[]): Promise<void> => {
    if (!job) return;
    const id = job.data.submissionId;
    try {
      const outcome = await runScoringJob(db, id, opts);
      console.log(`[worker] submission ${id}: ${outcome}`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (job.retryCount >= job.retryLimit) {
        await markFailed(db, id, `Scoring failed after ${job.retryCount + 1} attempts: ${message}`);
        console.error(`[worker] submission ${id}: failed for good: ${message}`);
        return;
      }
      console.error(`[worker] submission ${id}: attempt ${job.retryCount + 1} failed, will retry: ${message}`);
      throw err;
    }
  };
}

/** Starts working the scoring queue with `concurrency` parallel jobs. */
export async function workScoringQueue(boss: PgBoss, db: Db, opts: ScoringOptions & { concurrency: number; pollingIntervalSeconds?: number }) {
  const handler = scoringHandler(db, opts);
  for (let i = 0; i < opts.concurrency; i++) {
    await boss.work(SCORE_QUEUE, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5 }, handler);
  }
}

/**
 * After a crash of the embedded server: submissions left queued or mid-scoring
 * have lost their in-process worker. Put them back in the queue (a duplicate
 * job is harmless: only one claim can win).
 */
export async function requeueOrphans(db: Db, boss: PgBoss): Promise<number> {
  const rows = await db
    .update(submissions)
    .set({ status: "queued" })
    .where(sql`${submissions.status} in ('queued', 'scoring')`)
    .returning({ id: submissions.id });
  for (const r of rows) await enqueueScoring(boss, r.id);
  return rows.length;
}
