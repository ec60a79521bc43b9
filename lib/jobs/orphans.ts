import type PgBoss from "pg-boss";
import type { Db } from "@/db/client";
import { requeueOrphanSubmissions } from "@/db/queries/orphan-submissions";
import { BOSS_SCHEMA, SCORE_DEAD_LETTER_QUEUE, SCORE_QUEUE } from "./boss";
import { enqueueScoring } from "./score-submission";

export interface OrphanSweep {
  /**
   * True when no other worker can be running (the embedded quick start at
   * start-up): a job still marked active in the queue then belongs to a
   * process that died, so it does not count as live.
   */
  sole: boolean;
  /**
   * Leave submissions younger than this alone: the site inserts a submission
   * and sends its job just after, and the sweep should not race it.
   */
  minAgeSeconds: number;
}

/**
 * Finds submissions waiting or mid-scoring that no live job will ever pick up
 * (the site died between storing an upload and queueing it, the embedded
 * server crashed mid-job, a job was deleted by hand) and queues them again. A
 * dead-lettered job waiting to fail its submission counts as live. Returns the
 * ids requeued. A duplicate job is harmless: only one claim can win.
 */
export async function requeueOrphans(db: Db, boss: PgBoss, sweep: OrphanSweep): Promise<number[]> {
  const liveStates = sweep.sole ? ["created", "retry"] : ["created", "retry", "active"];
  const ids = await requeueOrphanSubmissions(db, {
    bossSchema: BOSS_SCHEMA,
    queues: [SCORE_QUEUE, SCORE_DEAD_LETTER_QUEUE],
    liveStates,
    minAgeSeconds: sweep.minAgeSeconds,
  });
  for (const id of ids) await enqueueScoring(boss, id);
  return ids;
}
