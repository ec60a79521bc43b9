import type PgBoss from "pg-boss";
import { getDbHandle } from "@/db";
import { queuePosition } from "@/db/queries/scoring";
import { env } from "@/lib/env";
import { startBoss } from "./boss";
import { enqueueScoring } from "./score-submission";
import { settingsFromEnv } from "./worker";

/** What the web process needs of the scoring queue: put a submission in, and tell its place. */
export interface ScoringQueue {
  enqueue(submissionId: number): Promise<void>;
  /** Submissions queued before this one (0 = next). */
  position(submissionId: number): Promise<number>;
}

// One pg-boss per process, shared (like the DB handle) by the start script and the bundled route code.
const KEY = Symbol.for("collider-arena.boss");
type Holder = { [KEY]?: Promise<PgBoss> };

/** The process's pg-boss; the start script may install one it already started (with a worker). */
export function getBoss(): Promise<PgBoss> {
  const g = globalThis as Holder;
  g[KEY] ??= getDbHandle()
    .then((handle) => startBoss(handle, settingsFromEnv(env()).queue))
    .catch((err: unknown) => {
      g[KEY] = undefined;
      throw err;
    });
  return g[KEY];
}

export function setBoss(boss: PgBoss): void {
  (globalThis as Holder)[KEY] = Promise.resolve(boss);
}

export async function getQueue(): Promise<ScoringQueue> {
  const [boss, handle] = await Promise.all([getBoss(), getDbHandle()]);
  return {
    enqueue: async (id) => {
      await enqueueScoring(boss, id);
    },
    position: (id) => queuePosition(handle.db, id),
  };
}
