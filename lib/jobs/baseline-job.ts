import type PgBoss from "pg-boss";
import { findKind } from "@/challenges";
import type { ChallengeKind } from "@/challenges/kind";
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
import type { FamilyChoice } from "@/lib/ml/higgs-training";
import type { TabularFamilyChoice } from "@/lib/ml/tabular-training";
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
  const [{ runBaseline }, { runAnomalyBaseline }, { runTabularBaseline }, { BaselineInputError }, { trainInChildProcess }] = await Promise.all([
    import("@/lib/ml/baseline-run"),
    import("@/lib/ml/anomaly-baseline-run"),
    import("@/lib/ml/tabular-baseline-run"),
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
  // Training runs in a child process: minutes of it on this thread would stall the site the worker may run inside.
  const common = { challenge: challenge?.slug ?? "", seed: run.seed, epochs: run.epochs ?? undefined, register: true, bootstrap: opts.bootstrap, trainer: trainInChildProcess };
  const log = (message: string) => {
    pending = pending.then(() => setBaselineRunMessage(db, runId, message));
  };
  // Each trainer the kinds declare (ChallengeKind.baselines.trainer), with the run's family in its own terms.
  const trainers: Record<NonNullable<ChallengeKind["baselines"]>["trainer"], () => Promise<{ name: string; registered: { publicScore: number | null } | null }[]>> = {
    higgs: () => runBaseline(db, { ...common, family: run.family as FamilyChoice, onProgress: (family, e) => progress(family, { ...e }), log }),
    anomaly: () =>
      runAnomalyBaseline(db, {
        ...common,
        methods: run.family === "both" ? ["autoencoder", "cwola"] : [run.family as "autoencoder" | "cwola"],
        onEpoch: (method) => (e) => progress(method, { ...e }),
      }),
    generic: () => runTabularBaseline(db, { ...common, family: run.family as TabularFamilyChoice, onProgress: (family, e) => progress(family, { ...e }), log }),
  };
  try {
    const results = await trainers[findKind(challenge?.kind ?? "")?.baselines?.trainer ?? "higgs"]();
    await pending;
    // Kept as JSON: a score that is not finite by its name (scoring/score-value.ts), not as null.
    const summary = results.map((r) => ({ name: r.name, publicScore: r.registered?.publicScore == null ? null : scoreToJson(r.registered.publicScore) }));
    await finishBaselineRun(db, runId, summary);
  } catch (err) {
    await pending.catch(() => undefined);
    const message = err instanceof BaselineInputError ? err.message : `The trainer failed: ${err instanceof Error ? err.message : String(err)}`;
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
