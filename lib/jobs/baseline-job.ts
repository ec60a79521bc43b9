import type PgBoss from "pg-boss";
import type { Db } from "@/db";
import {
  claimBaselineRun,
  failBaselineRun,
  failRunningBaselineRuns,
  finishBaselineRun,
  insertBaselineRun,
  setBaselineRunMessage,
  setBaselineRunProgress,
} from "@/db/queries/baseline-runs";
import { getChallengeSlugAndKind } from "@/db/queries/challenges";
import type { BaselineRun } from "@/db/schema";
import { scoreToJson } from "@/scoring/score-value";
import { BASELINE_QUEUE } from "./boss";

export async function createBaselineRun(
  db: Db,
  boss: Pick<PgBoss, "send">,
  p: { challengeId: number; requestedBy: string | null; family: string; seed: number; epochs: number | null },
): Promise<BaselineRun> {
  const run = await insertBaselineRun(db, p);
  await boss.send(BASELINE_QUEUE, { runId: run.id });
  return run;
}

/**
 * Trains the run's families, writing progress to its row at most once a second (the manage page polls it), and
 * ends it done with each benchmark entry's public score, or failed with the reason.
 */
export async function executeBaselineRun(db: Db, runId: number, opts: { bootstrap: number }): Promise<void> {
  // Loaded here, not at the top: the trainer belongs to the worker, not the web server's pages.
  const [{ baselineTrainerOf }, { BaselineInputError }, { trainInChildProcess }] = await Promise.all([
    import("@/lib/ml/trainers"),
    import("@/lib/ml/baseline-input-error"),
    import("@/lib/ml/training-process"),
  ]);
  const run = await claimBaselineRun(db, runId);
  if (!run) return;
  const challenge = await getChallengeSlugAndKind(db, run.challengeId);
  let last = 0;
  // A drizzle query runs only when awaited (then() starts it): each write is chained, in order, and awaited at the end.
  let pending: Promise<unknown> = Promise.resolve();
  const progress = (family: string, e: { epoch: number; epochs: number } & Record<string, unknown>) => {
    const now = Date.now();
    if (now - last < 1000 && e.epoch < e.epochs) return;
    last = now;
    pending = pending.then(() => setBaselineRunProgress(db, runId, { ...e, family }));
  };
  const log = (message: string) => {
    pending = pending.then(() => setBaselineRunMessage(db, runId, message));
  };
  // Training runs in a child process: minutes of it on this thread would stall the site the worker may run inside.
  const request = {
    challenge: challenge?.slug ?? "",
    family: run.family,
    seed: run.seed,
    epochs: run.epochs ?? undefined,
    register: true,
    bootstrap: opts.bootstrap,
    trainer: trainInChildProcess,
    progress,
    log,
  };
  try {
    const results = await baselineTrainerOf(challenge?.kind ?? "")(db, request);
    await pending;
    // Kept as JSON: a score that is not finite by its name (scoring/score-value.ts), not as null.
    const summary = results.map((r) => ({
      name: r.name,
      publicScore: r.registered?.publicScore == null ? null : scoreToJson(r.registered.publicScore),
    }));
    await finishBaselineRun(db, runId, summary);
  } catch (err) {
    await pending.catch(() => undefined);
    const message =
      err instanceof BaselineInputError ? err.message : `The trainer failed: ${err instanceof Error ? err.message : String(err)}`;
    await failBaselineRun(db, runId, message);
    if (!(err instanceof BaselineInputError)) console.error(`[worker] baseline run ${runId}:`, err);
  }
}

/** pg-boss handler of the baseline queue (one run at a time per worker). */
export function baselineHandler(db: Db, opts: { bootstrap: number }) {
  return async ([job]: PgBoss.Job<{ runId: number }>[]): Promise<void> => {
    if (job) await executeBaselineRun(db, job.data.runId, opts);
  };
}

/** At a sole worker's start: runs it was training when the process died will never finish; say so. */
export async function failInterruptedBaselineRuns(db: Db): Promise<void> {
  await failRunningBaselineRuns(db, "The worker stopped during training; start the run again.");
}
