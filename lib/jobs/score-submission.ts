import { createHash, randomUUID } from "node:crypto";
import { detailsToJson } from "@/scoring/score-value";
import type PgBoss from "pg-boss";
import type { Db } from "@/db";
import { kindOf, SubmissionIssuesError } from "@/challenges";
import { currentDataset } from "@/db/queries/datasets";
import { claimSubmission, markFailed, recordScores, releaseClaim, scoringInput } from "@/db/queries/scoring";
import { ModelRejectedError } from "@/lib/onnx/validate";
import { retryWhileDatabaseUnavailable, rootMessage } from "@/lib/db-unavailable";
import { GateFailedError, gatesOfConfig, isMetricId, SubmissionFormatError } from "@/scoring";
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
  const row = await scoringInput(db, id);
  if (!row) throw new Error(`submission ${id} has no stored file`);
  const kind = kindOf(row.kind);
  if (kind.scoring.by === "simulation") {
    // Simulated, not compared with an answer key; the dataset's secrets (a design's private seed) are checked there.
    const secrets = (await currentDataset(db, row.challengeId))?.secrets ?? {};
    return scoreOffThread(
      { kind: kind.id, by: "simulation", metricId: row.metricId, secrets },
      { bytes: Buffer.from(row.gz, "base64"), gzipped: true },
    );
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
  const task = {
    kind: kind.id,
    by: "answer-key",
    key,
    metricId: row.metricId,
    params,
    ...(gates.length > 0 ? { gates } : {}),
    bootstrap,
    seed,
  } as const;
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
    // Details go into JSON, which has no ±∞ or NaN (score-value.ts); a std that is not finite is no std.
    const scored = {
      id,
      token,
      gates,
      public: { score: pub, std: finiteOrNull(pubStd), details: detailsToJson(pubDetails) },
      private: { score: priv, std: finiteOrNull(privStd), details: detailsToJson(privDetails) },
    };
    return await db.transaction(async (tx) => ((await recordScores(tx, scored)) ? "scored" : "skipped"));
  } catch (err) {
    if (err instanceof SubmissionFormatError || err instanceof SubmissionIssuesError || err instanceof ModelRejectedError) {
      await markFailed(db, id, err.message, token, err instanceof GateFailedError ? err.outcomes : undefined);
      return "failed";
    }
    await releaseClaim(db, id, token);
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
        onWait: (err) =>
          console.error(`[worker] submission ${id} (${attempt}): database unavailable (${rootMessage(err)}); waiting for it`),
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
export async function workScoringQueue(
  boss: PgBoss,
  db: Db,
  opts: ScoringOptions & { concurrency: number; pollingIntervalSeconds?: number },
) {
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
