import type PgBoss from "pg-boss";
import type { DbHandle } from "@/db";
import type { Env } from "@/lib/env";
import { DEFAULT_QUEUE_SETTINGS, startBoss, type QueueSettings } from "./boss";
import { requeueOrphans, workScoringQueue, type ScoringOptions } from "./score-submission";

export function settingsFromEnv(e: Env): { queue: QueueSettings; scoring: ScoringOptions & { concurrency: number } } {
  return {
    queue: {
      ...DEFAULT_QUEUE_SETTINGS,
      expireInSeconds: e.SCORING_LEASE_SECONDS,
      maintenanceIntervalSeconds: Math.max(1, Math.min(DEFAULT_QUEUE_SETTINGS.maintenanceIntervalSeconds, Math.floor(e.SCORING_LEASE_SECONDS / 2))),
    },
    scoring: {
      bootstrap: e.SCORING_BOOTSTRAP,
      leaseSeconds: e.SCORING_LEASE_SECONDS,
      pauseAfterClaimMs: e.WORKER_TEST_PAUSE_MS || undefined,
      concurrency: e.WORKER_CONCURRENCY,
    },
  };
}

/**
 * Starts a scoring worker on this database. `sole` = no other worker can be
 * running (the embedded quick start), so work left mid-way by a crash is requeued at once.
 */
export async function startWorker(handle: DbHandle, e: Env, opts: { sole: boolean }): Promise<PgBoss> {
  const { queue, scoring } = settingsFromEnv(e);
  const boss = await startBoss(handle, queue);
  if (opts.sole) {
    const n = await requeueOrphans(handle.db, boss);
    if (n > 0) console.log(`[worker] requeued ${n} submission(s) left unscored by the last run`);
  }
  await workScoringQueue(boss, handle.db, scoring);
  return boss;
}
