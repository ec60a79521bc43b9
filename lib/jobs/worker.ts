import type PgBoss from "pg-boss";
import type { DbHandle } from "@/db";
import type { Env } from "@/lib/env";
import { baselineHandler, failInterruptedBaselineRuns } from "./baseline-job";
import { BASELINE_QUEUE, DEFAULT_QUEUE_SETTINGS, startBoss, type QueueSettings } from "./boss";
import { rootMessage } from "@/lib/db-unavailable";
import { requeueOrphans } from "./orphans";
import { workScoringQueue, type ScoringOptions } from "./score-submission";

/**
 * How often a worker looks for submissions that no job will pick up, and how old they must be. Short, because it
 * is what queues an upload stored just before a database outage cut off its job; cheap (an indexed look at the
 * waiting submissions), and harmless when early: a duplicate job finds the submission claimed.
 */
const ORPHAN_SWEEP_SECONDS = 15;

export function settingsFromEnv(e: Env): { queue: QueueSettings; scoring: ScoringOptions & { concurrency: number } } {
  return {
    queue: {
      ...DEFAULT_QUEUE_SETTINGS,
      expireInSeconds: e.SCORING_LEASE_SECONDS,
      // Sweep expired jobs at least twice per time limit, so a dead worker's job is retried within about 1.5 limits.
      maintenanceIntervalSeconds: Math.max(
        1,
        Math.min(DEFAULT_QUEUE_SETTINGS.maintenanceIntervalSeconds, Math.floor(e.SCORING_LEASE_SECONDS / 2)),
      ),
    },
    scoring: {
      bootstrap: e.SCORING_BOOTSTRAP,
      pauseAfterClaimMs: e.WORKER_TEST_PAUSE_MS || undefined,
      concurrency: e.WORKER_CONCURRENCY,
    },
  };
}

async function sweep(handle: DbHandle, boss: PgBoss, sole: boolean, minAgeSeconds: number): Promise<void> {
  const ids = await requeueOrphans(handle.db, boss, { sole, minAgeSeconds });
  if (ids.length > 0) console.log(`[worker] requeued ${ids.length} submission(s) that no job would pick up: ${ids.join(", ")}`);
}

/**
 * Starts a scoring worker on this database. `sole` = no other worker can be
 * running (the embedded quick start), so work left mid-way by a crash is
 * requeued at once; afterwards every worker sweeps for orphans every 15 s.
 */
export async function startWorker(handle: DbHandle, e: Env, opts: { sole: boolean }): Promise<PgBoss> {
  const { queue, scoring } = settingsFromEnv(e);
  const boss = await startBoss(handle, queue);
  await sweep(handle, boss, opts.sole, opts.sole ? 0 : ORPHAN_SWEEP_SECONDS);
  await workScoringQueue(boss, handle.db, scoring);
  if (opts.sole) await failInterruptedBaselineRuns(handle.db);
  await boss.work(
    BASELINE_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 2 },
    baselineHandler(handle.db, { bootstrap: scoring.bootstrap }),
  );
  const timer = setInterval(() => {
    sweep(handle, boss, false, ORPHAN_SWEEP_SECONDS).catch((err: unknown) => console.error("[worker] orphan sweep:", rootMessage(err)));
  }, ORPHAN_SWEEP_SECONDS * 1000);
  timer.unref();
  boss.once("stopped", () => clearInterval(timer));
  return boss;
}
