import { createHash, randomUUID } from "node:crypto";
import { detailsToJson } from "@/scoring/score-value";
import { and, eq, lt, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Db } from "@/db";
import { challenges, privateScores, publicScores, submissionFiles, submissions } from "@/db/schema";
import { kindOf, SubmissionIssuesError } from "@/challenges";
import { currentDataset } from "@/db/queries/datasets";
import { ModelRejectedError } from "@/lib/onnx/validate";
import { retryWhileDatabaseUnavailable, rootMessage } from "@/lib/db-unavailable";
import { GateFailedError, gatesOfConfig, type GateOutcome, isMetricId, SubmissionFormatError } from "@/scoring";
import { modelPredictionsCsv } from "./score-model";
import { SCORE_DEAD_LETTER_QUEUE, SCORE_QUEUE } from "./boss";
import { scoreOffThread, warmScoringThreads } from "./scoring-pool";
import { datasetKeyForChallenge } from "./solutions";

export interface ScoringOptions {
  /** Bootstrap resamples for the ± on each score. */
  bootstrap: number;
  /** Test-only: sleep this long after claiming, so a test can kill the worker mid-job. */
  pauseAfterClaimMs?: number;
}

export type JobOutcome = "scored" | "failed" | "skipped";

export interface ScoringJobData {
  submissionId: number;
}

/**
 * Queues a submission for scoring. The singleton key (with the queue's "short"
 * policy) keeps one waiting job per submission: a second call while it waits
 * returns null and adds nothing.
 */
export async function enqueueScoring(boss: PgBoss, submissionId: number): Promise<string | null> {
  const data: ScoringJobData = { submissionId };
  return boss.send(SCORE_QUEUE, data, { singletonKey: String(submissionId) });
}

/**
 * How many queued submissions of the same challenge were created before this one. One queue serves all challenges,
 * but counting the others' would tell a competitor how busy private challenges are; within the challenge the
 * order is the queue's.
 */
export async function queuePosition(db: Db, submissionId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(submissions)
    .where(
      and(
        eq(submissions.status, "queued"),
        lt(submissions.id, submissionId),
        eq(submissions.challengeId, sql`(select ${submissions.challengeId} from ${submissions} where ${submissions.id} = ${submissionId})`),
      ),
    );
  return Number(row?.n ?? 0);
}

/**
 * Takes the submission for the job `token` (the pg-boss job id): a queued one,
 * or one this same job claimed in an earlier attempt that died (pg-boss retries
 * a job under its id only once the previous attempt expired or failed). A
 * submission held by another live job is left alone. True if claimed.
 */
export async function claimSubmission(db: Db, id: number, token: string): Promise<boolean> {
  const rows = await db
    .update(submissions)
    .set({ status: "scoring", startedAt: sql`now()`, scoringToken: token })
    .where(
      and(
        eq(submissions.id, id),
        sql`(${submissions.status} = 'queued' or (${submissions.status} = 'scoring' and ${submissions.scoringToken} = ${token}))`,
      ),
    )
    .returning({ id: submissions.id });
  return rows.length > 0;
}

const owned = (id: number, token: string) =>
  and(eq(submissions.id, id), eq(submissions.status, "scoring"), eq(submissions.scoringToken, token));

/** Ends a submission as failed with a message the competitor sees (and its gates' outcomes); a finished one is left as it is. */
export async function markFailed(db: Db, id: number, message: string, token?: string, gates?: readonly GateOutcome[]): Promise<void> {
  await db
    .update(submissions)
    .set({ status: "failed", error: message, finishedAt: sql`now()`, gates: gates ? [...gates] : null })
    .where(token ? owned(id, token) : and(eq(submissions.id, id), sql`${submissions.status} in ('queued', 'scoring')`));
}

/**
 * The bootstrap's seed, from the file's content hash (SHA-256 hex of the decompressed file): the same file gets the
 * same ± whenever and however often it is submitted or rescored, and a different file an independent resampling.
 * 52 bits of the hash, a safe integer.
 */
export function bootstrapSeed(sha256Hex: string): number {
  // Rows stored before hashes were hex (none in this schema's history, but a seed must never fail a scoring).
  const hex = /^[0-9a-f]{13}/i.test(sha256Hex) ? sha256Hex : createHash("sha256").update(sha256Hex).digest("hex");
  return Number.parseInt(hex.slice(0, 13), 16);
}

function finiteOrNull(x: number | undefined): number | null {
  return x !== undefined && Number.isFinite(x) ? x : null;
}

/** Reads what the job needs from the database here, and scores it on a scoring thread. */
async function loadAndScore(db: Db, id: number, bootstrap: number) {
  const [row] = await db
    .select({
      challengeId: submissions.challengeId,
      kind: challenges.kind,
      metricId: challenges.metricId,
      config: challenges.config,
      sha256: submissions.sha256,
      // The file as base64 text: PGlite decodes a bytea column in JavaScript on the site's thread, ~10× slower.
      gz: sql<string>`encode(${submissionFiles.gzipContent}, 'base64')`,
      format: submissions.format,
      modelMaxMb: challenges.modelMaxMb,
      latencyBudgetMs: challenges.latencyBudgetMs,
    })
    .from(submissions)
    .innerJoin(challenges, eq(challenges.id, submissions.challengeId))
    .innerJoin(submissionFiles, eq(submissionFiles.submissionId, submissions.id))
    .where(eq(submissions.id, id));
  if (!row) throw new Error(`submission ${id} has no stored file`);
  const kind = kindOf(row.kind);
  if (kind.scoring.by === "simulation") {
    // Simulated, not compared with an answer key; the dataset's secrets (a design's private seed) are checked there.
    const secrets = (await currentDataset(db, row.challengeId))?.secrets ?? {};
    return scoreOffThread({ kind: kind.id, by: "simulation", metricId: row.metricId, secrets }, { bytes: Buffer.from(row.gz, "base64"), gzipped: true });
  }
  if (!isMetricId(row.metricId)) throw new Error(`unknown metric ${row.metricId}`);
  const gz = Buffer.from(row.gz, "base64");
  // A model's outputs on the hidden test features become the kind's CSV, scored (and seeded) like that CSV uploaded.
  const model = row.format === "model";
  const csv = model ? await modelPredictionsCsv(db, id, gz, row) : null;
  const seed = bootstrapSeed(csv ? createHash("sha256").update(csv).digest("hex") : row.sha256);
  // The organiser's gates; a kind that gates every challenge itself (anomaly detection) needs the Control rows too.
  const gates = gatesOfConfig(row.config);
  const { key, target, columns } = await datasetKeyForChallenge(db, row.challengeId, kind.scoring.control === true || gates.length > 0);
  const params = row.config.metricParams as Record<string, unknown> | undefined;
  const task = { kind: kind.id, by: "answer-key", key, metricId: row.metricId, params, ...(gates.length > 0 ? { gates } : {}), bootstrap, seed } as const;
  const file = csv ? { bytes: csv, gzipped: false } : { bytes: gz, gzipped: true };
  return scoreOffThread(task, file, async () => ({ columns: await columns(), target }));
}

/**
 * Scores one submission under the claim `token` (the job id; a random one when
 * called directly). A malformed file is the competitor's to fix: it ends as
 * failed with every problem and its line, and is not retried. Any other error
 * releases the claim and is thrown, so the queue retries the job.
 */
export async function runScoringJob(db: Db, id: number, opts: ScoringOptions & { token?: string }): Promise<JobOutcome> {
  const token = opts.token ?? randomUUID();
  if (!(await claimSubmission(db, id, token))) return "skipped";
  if (opts.pauseAfterClaimMs) await new Promise((r) => setTimeout(r, opts.pauseAfterClaimMs));
  try {
    const result = await loadAndScore(db, id, opts.bootstrap);
    const gates = "gates" in result && result.gates ? result.gates : null;
    const { primary: pub, std: pubStd, ...pubDetails } = result.Public;
    const { primary: priv, std: privStd, ...privDetails } = result.Private;
    return await db.transaction(async (tx) => {
      // The status check makes the write happen once: whichever attempt or
      // duplicate job finishes first writes; any later one finds the submission
      // no longer "scoring" under its token and writes nothing.
      const [mine] = await tx
        .update(submissions)
        .set({ status: "scored", error: null, finishedAt: sql`now()`, gates })
        .where(owned(id, token))
        .returning({ id: submissions.id });
      if (!mine) return "skipped";
      // Details go into JSON, which has no ±∞ or NaN (score-value.ts); a std that is not finite is no std.
      await tx.insert(publicScores).values({ submissionId: id, score: pub, std: finiteOrNull(pubStd), details: detailsToJson(pubDetails) }).onConflictDoNothing();
      await tx.insert(privateScores).values({ submissionId: id, score: priv, std: finiteOrNull(privStd), details: detailsToJson(privDetails) }).onConflictDoNothing();
      return "scored";
    });
  } catch (err) {
    if (err instanceof SubmissionFormatError || err instanceof SubmissionIssuesError || err instanceof ModelRejectedError) {
      await markFailed(db, id, err.message, token, err instanceof GateFailedError ? err.outcomes : undefined);
      return "failed";
    }
    // Back to the queue so the retry (or any duplicate job) can claim it at once.
    await db.update(submissions).set({ status: "queued" }).where(owned(id, token));
    throw err;
  }
}

/**
 * How long a job waits for an unreachable database before failing back to the queue (where its retry waits out
 * the backoff): a restart or failover takes seconds, and an outage of a minute or so is ridden out in place.
 */
const OUTAGE_WAIT_MS = 90_000;

/** pg-boss handler of the scoring queue: a thrown error makes pg-boss retry, then dead-letter the job. */
export function scoringHandler(db: Db, opts: ScoringOptions) {
  return async ([job]: PgBoss.JobWithMetadata<ScoringJobData>[]): Promise<void> => {
    if (!job) return;
    const id = job.data.submissionId;
    const attempt = `attempt ${job.retryCount + 1} of ${job.retryLimit + 1}`;
    try {
      // A claim is re-entrant for its job and the final write happens once, so the whole job can simply run again
      // once the database is back, rather than fail back to the queue it cannot reach either.
      const outcome = await retryWhileDatabaseUnavailable(() => runScoringJob(db, id, { ...opts, token: job.id }), {
        maxWaitMs: OUTAGE_WAIT_MS,
        onWait: (err) => console.error(`[worker] submission ${id} (${attempt}): database unavailable (${rootMessage(err)}); waiting for it`),
      });
      console.log(`[worker] submission ${id} (${attempt}): ${outcome}`);
    } catch (err) {
      console.error(`[worker] submission ${id} (${attempt}) failed: ${rootMessage(err)}`);
      throw err;
    }
  };
}

/** The reason pg-boss recorded for a job's last failure: the thrown error, or its expiry. */
function failureReason(output: unknown): string {
  const o = output as { message?: unknown; value?: { message?: unknown } } | null;
  const message = o?.message ?? o?.value?.message;
  if (message === "job failed by timeout in active state") return "the worker stopped responding (no result before the job's time limit)";
  return typeof message === "string" ? message : "unknown error";
}

/**
 * Handler of the dead-letter queue: a job that used up its retries, whether it
 * threw or its worker died on the last attempt, ends its submission as failed.
 */
export function deadLetterHandler(db: Db) {
  return async ([job]: PgBoss.JobWithMetadata<ScoringJobData>[]): Promise<void> => {
    if (!job) return;
    const id = job.data.submissionId;
    // pg-boss copies the scoring job's retry limit onto its dead letter.
    const attempts = job.retryLimit + 1;
    const message = `Scoring failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${failureReason(job.output)}`;
    await retryWhileDatabaseUnavailable(() => markFailed(db, id, message), { maxWaitMs: OUTAGE_WAIT_MS });
    console.error(`[worker] submission ${id}: ${message}`);
  };
}

/** Works the scoring queue with `concurrency` parallel jobs, and its dead-letter queue. */
export async function workScoringQueue(boss: PgBoss, db: Db, opts: ScoringOptions & { concurrency: number; pollingIntervalSeconds?: number }) {
  const polling = { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 } as const;
  const handler = scoringHandler(db, opts);
  // Not awaited: the first job waits for the threads if it comes before they have loaded.
  void warmScoringThreads(opts.concurrency);
  for (let i = 0; i < opts.concurrency; i++) {
    // pg-boss waits a full polling interval after every fetch, even a fruitful
    // one; waking the worker after a job lets a backlog drain back to back.
    let workerId = "";
    workerId = await boss.work<ScoringJobData>(SCORE_QUEUE, polling, async (jobs) => {
      try {
        await handler(jobs);
      } finally {
        if (jobs.length > 0) boss.notifyWorker(workerId);
      }
    });
  }
  await boss.work(SCORE_DEAD_LETTER_QUEUE, polling, deadLetterHandler(db));
}
