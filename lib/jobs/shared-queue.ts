import { getDbHandle } from "@/db";
import { startBoss } from "./boss";
import { enqueueScoring, queuePosition } from "./score-submission";

/** What the web process needs of the scoring queue: put a submission in, and tell its place. */
export interface ScoringQueue {
  enqueue(submissionId: number): Promise<void>;
  /** Submissions queued before this one (0 = next). */
  position(submissionId: number): Promise<number>;
}

// One pg-boss per process, shared (like the DB handle) by the start script and the bundled route code.
const KEY = Symbol.for("collider-arena.queue");
type Holder = { [KEY]?: Promise<ScoringQueue> };

export function getQueue(): Promise<ScoringQueue> {
  const g = globalThis as Holder;
  g[KEY] ??= (async () => {
    const handle = await getDbHandle();
    const boss = await startBoss(handle);
    return {
      enqueue: (id) => enqueueScoring(boss, id),
      position: (id) => queuePosition(handle.db, id),
    } satisfies ScoringQueue;
  })().catch((err: unknown) => {
    delete g[KEY];
    throw err;
  });
  return g[KEY];
}
