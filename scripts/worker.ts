/**
 * `npm run worker`: a scoring worker. Run as many as you like, on as many
 * machines, against one PostgreSQL (DATABASE_URL); each takes jobs from the shared queue.
 */
import { getDbHandle } from "../db";
import { ConfigError, env } from "../lib/env";
import { startWorker } from "../lib/jobs/worker";

async function main(): Promise<void> {
  const e = env();
  const handle = await getDbHandle();
  if (handle.mode === "pglite") {
    console.warn("No DATABASE_URL: the embedded database cannot be shared between processes; `npm start` already runs a worker inside the site.");
  }
  const boss = await startWorker(handle, e, { sole: false });
  console.log(`[worker] working the scoring queue (concurrency ${e.WORKER_CONCURRENCY}, lease ${e.SCORING_LEASE_SECONDS} s)`);
  const shutdown = async (signal: string) => {
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
