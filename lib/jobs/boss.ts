import type { PGlite } from "@electric-sql/pglite";
import PgBoss from "pg-boss";
import type { DbHandle } from "@/db";
import { isDatabaseUnavailable, rootMessage } from "@/lib/db-unavailable";

export const SCORE_QUEUE = "score-submission";
/** Jobs that used up their retries (thrown or expired) land here, so the submission can be failed with the reason. */
export const SCORE_DEAD_LETTER_QUEUE = "score-submission-failed";
/** pg-boss's tables live in their own schema, apart from the application's. */
export const BOSS_SCHEMA = "pgboss";
/** Baseline trainer runs started from a challenge's manage page. */
export const BASELINE_QUEUE = "baseline-trainer";

export interface QueueSettings {
  /** A job active longer than this is failed by pg-boss's maintenance and retried: nothing stays "scoring" forever. */
  expireInSeconds: number;
  /** Retries after the first attempt; the submission fails with the last error after attempt retryLimit + 1. */
  retryLimit: number;
  /** Base delay before a retry, at least 1 s; doubled per attempt, with jitter (pg-boss's retryBackoff). */
  retryDelaySeconds: number;
  /** How often pg-boss sweeps expired jobs (so a dead worker's job is retried at most this long after its expiry). */
  maintenanceIntervalSeconds: number;
}

/**
 * Scoring 550k events with 200 bootstrap resamples takes seconds; 5 minutes of
 * silence means a dead worker. Three retries with backoff (about 5-10 s, 10-20 s,
 * 20-40 s) ride out a database restart or a worker killed by a deploy without
 * hammering anything; after the fourth attempt the submission fails with the reason.
 */
export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  expireInSeconds: 300,
  retryLimit: 3,
  retryDelaySeconds: 5,
  maintenanceIntervalSeconds: 30,
};

/**
 * pg-boss over PGlite, in-process. pg-boss sends its schema migrations and
 * locked commands as multi-statement text without parameters, which PGlite runs
 * with `exec` (its `query` takes one statement); everything else goes through `query`.
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

/**
 * On PostgreSQL pg-boss gets its own small pool on the application's URL, so its
 * polling never waits behind (or starves) the site's queries; on PGlite it runs
 * through the single in-process instance.
 */
function connection(
  handle: DbHandle,
): Pick<PgBoss.ConstructorOptions, "db" | "connectionString" | "max"> & { connectionTimeoutMillis?: number } {
  if (handle.mode === "pglite") return { db: pgliteAdapter(handle.pglite!) };
  const url = handle.pool?.options.connectionString;
  if (!url) throw new Error("the PostgreSQL handle has no connection string to give the job queue");
  // Fetching, completing and maintenance need a few connections; a worker's scoring itself uses the app pool.
  // pg-boss hands all its options to pg.Pool (its types list fewer): give up on a hanging connect rather than stall polling.
  return { connectionString: url, max: 4, connectionTimeoutMillis: 10_000 };
}

/**
 * pg-boss reports every failed poll, maintenance run and job completion as an 'error' event; while the database
 * is down that is several a second, so outage errors are logged once per 10 s, anything else in full.
 */
function queueErrorLogger(): (err: unknown) => void {
  let lastOutageLog = 0;
  let suppressed = 0;
  return (err) => {
    if (!isDatabaseUnavailable(err)) return console.error("[queue]", err);
    if (Date.now() - lastOutageLog < 10_000) return void suppressed++;
    const more = suppressed > 0 ? ` (and ${suppressed} more since the last report)` : "";
    console.error(`[queue] database unavailable, polling on: ${rootMessage(err)}${more}`);
    lastOutageLog = Date.now();
    suppressed = 0;
  };
}

/**
 * Starts pg-boss on the application's database and creates (or updates) the
 * scoring queue and its dead-letter queue. The "short" policy with a singleton
 * key per submission keeps at most one waiting job per submission.
 */
export async function startBoss(handle: DbHandle, settings: QueueSettings = DEFAULT_QUEUE_SETTINGS): Promise<PgBoss> {
  const boss = new PgBoss({
    ...connection(handle),
    schema: BOSS_SCHEMA,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
  });
  boss.on("error", queueErrorLogger());
  await boss.start();
  // The dead-letter queue must exist first: the scoring queue references it.
  await ensureQueue(boss, {
    name: SCORE_DEAD_LETTER_QUEUE,
    policy: "standard",
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
  });
  await ensureQueue(boss, {
    name: SCORE_QUEUE,
    policy: "short",
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: settings.expireInSeconds,
    deadLetter: SCORE_DEAD_LETTER_QUEUE,
  });
  // Training takes minutes: a run that fails is reported on its row, not silently retried.
  await ensureQueue(boss, { name: BASELINE_QUEUE, policy: "standard", retryLimit: 0, expireInSeconds: 3 * 3600 });
  return boss;
}

/** Postgres error codes of the race between processes creating the same queue at once. */
const CREATE_RACE = new Set(["40P01" /* deadlock */, "23505" /* unique violation */]);

async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, queue);
      else await boss.createQueue(queue.name, queue);
      return;
    } catch (err) {
      // Workers started together (a deploy) race to create the queue: the loser
      // waits a moment and finds it made.
      if (attempt >= 5 || !CREATE_RACE.has((err as { code?: string }).code ?? "")) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
    }
  }
}
