import type { PGlite } from "@electric-sql/pglite";
import PgBoss from "pg-boss";
import type { DbHandle } from "@/db";

export const SCORE_QUEUE = "score-submission";

export interface QueueSettings {
  /** A job active longer than this is failed by pg-boss's maintenance and retried: nothing stays "scoring" forever. */
  expireInSeconds: number;
  retryLimit: number;
  retryDelaySeconds: number;
  /** How often expired jobs are swept. */
  maintenanceIntervalSeconds: number;
}

/**
 * Scoring 550k events takes seconds; 5 minutes of silence means a dead worker.
 * Three retries with backoff ride out a database restart without hammering it.
 */
export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  expireInSeconds: 300,
  retryLimit: 3,
  retryDelaySeconds: 5,
  maintenanceIntervalSeconds: 30,
};

/**
 * pg-boss over PGlite, in-process. pg-boss sends its schema migrations as
 * multi-statement text without parameters, which PGlite runs with `exec`
 * (its `query` takes one statement); everything else goes through `query`.
 */
function pgliteAdapter(pglite: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (!values || values.length === 0) {
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      return pglite.query(text, values);
    },
  };
}

/** Starts pg-boss on the application's own database connection and creates the scoring queue. */
export async function startBoss(handle: DbHandle, settings: QueueSettings = DEFAULT_QUEUE_SETTINGS): Promise<PgBoss> {
  const db: PgBoss.Db =
    handle.mode === "pglite"
      ? pgliteAdapter(handle.pglite!)
      : { executeSql: (text: string, values?: unknown[]) => handle.pool!.query(text, values) };
  const boss = new PgBoss({
    db,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
    // Our own schema name keeps the queue's tables apart from the application's.
    schema: "pgboss",
  });
  boss.on("error", (err) => console.error("[queue]", err));
  await boss.start();
  const queue = {
    name: SCORE_QUEUE,
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: settings.expireInSeconds,
  };
  if (await boss.getQueue(SCORE_QUEUE)) await boss.updateQueue(SCORE_QUEUE, queue);
  else await boss.createQueue(SCORE_QUEUE, queue);
  return boss;
}
