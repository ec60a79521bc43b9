/**
 * `npm run worker`: a scoring worker. Run as many as you like, on as many
 * machines, against one PostgreSQL (DATABASE_URL); each takes jobs from the shared queue.
 */
import { getDbHandle } from "../db";
import { retryWhileDatabaseUnavailable, rootMessage, surviveDatabaseOutages } from "../lib/db-unavailable";
import { ConfigError, env } from "../lib/env";
import { startWorker } from "../lib/jobs/worker";

async function main(): Promise<void> {
  const e = env();
  // Two processes on one PGlite folder would corrupt it: the embedded database's worker lives in `npm start`.
  if (!e.DATABASE_URL)
    throw new ConfigError(
      "npm run worker needs DATABASE_URL (PostgreSQL). With the embedded database, `npm start` runs the worker inside the site.",
    );
  surviveDatabaseOutages("worker");
  // A worker started while the database restarts waits for it instead of exiting.
  const handle = await retryWhileDatabaseUnavailable(getDbHandle, {
    maxWaitMs: 60_000,
    onWait: (err) => console.error(`[worker] database unavailable (${rootMessage(err)}); waiting for it`),
  });
  const boss = await startWorker(handle, e, { sole: false });
  console.log(`[worker] working the scoring queue (concurrency ${e.WORKER_CONCURRENCY}, job time limit ${e.SCORING_LEASE_SECONDS} s)`);
  const shutdown = async (signal: string) => {
    // Up to 30 s to finish the job in hand; past that pg-boss fails it back to the
    // queue, and its retry (under the same job id) re-claims the submission.
    console.log(`[worker] ${signal}: finishing the current job…`);
    await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    await handle.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
