/**
 * `npm start`: the whole platform in one process. Generates a session secret on
 * first run (quick start only), applies migrations, creates the built-in
 * challenges, builds the site if the build is missing or stale, and serves it.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { getDbHandle } from "../db";
import { seedBuiltInChallenges } from "../lib/challenges/seed-built-ins";
import { DatabaseInUseError } from "../db/pglite-lock";
import { pingDatabase } from "../db/queries/health";
import { ensureAdmin } from "../db/queries/users";
import { postBuiltInBaselines, queueBuiltInTraining } from "../lib/built-in-baselines";
import { stampClientIp } from "../lib/client-ip";
import { ConfigError, env } from "../lib/env";
import { leaderboardShare } from "../lib/leaderboard-share";
import { databaseProbe, withOutagePage } from "../lib/outage-page";
import { readerEdge } from "../lib/reader-edge";
import { siteConfig } from "../lib/site";
import { isLeaderboardPath, microCache } from "../lib/micro-cache";
import { getBoss, setBoss } from "../lib/jobs/shared-queue";
import { startWorker } from "../lib/jobs/worker";

const root = process.cwd();

/** Quick start only: keep a generated secret in the data folder so sessions survive restarts. */
function ensureLocalSecret(): void {
  if (process.env.AUTH_SECRET || process.env.DATABASE_URL) return;
  const dir = path.resolve(process.env.DATA_DIR || ".data");
  const file = path.join(dir, "auth-secret");
  mkdirSync(dir, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(33).toString("base64"), { mode: 0o600 });
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}

const SOURCE_DIRS = ["app", "lib", "db", "scoring", "challenges"];
const SOURCE_FILES = ["auth.ts", "next.config.mjs", "package-lock.json", "postcss.config.mjs"];

function newestMtime(p: string): number {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, entry)));
  return max;
}

/** Rebuild when there is no build or a source file changed after it (e.g. after `git pull`). */
function buildIfStale(): void {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const built = statSync(buildId, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const newest = Math.max(...[...SOURCE_DIRS, ...SOURCE_FILES].map((p) => newestMtime(path.join(root, p))));
  if (built > newest) return;
  console.log(built ? "Sources changed since the last build: rebuilding…" : "First start: building the site (a minute or two)…");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error("next build failed");
}

async function main(): Promise<void> {
  ensureLocalSecret();
  const e = env();
  buildIfStale();
  const handle = await getDbHandle();
  console.log(`Database: ${handle.mode === "pglite" ? `embedded PGlite in ${path.resolve(e.DATA_DIR, "pglite")}` : "PostgreSQL"}`);
  const created = await seedBuiltInChallenges(handle.db, e.BUILTIN_DATA_SCALE);
  await postBuiltInBaselines(handle.db, created, e.SCORING_BOOTSTRAP);
  if (e.INITIAL_ADMIN_EMAIL && e.INITIAL_ADMIN_PASSWORD) {
    const created = await ensureAdmin(handle.db, e.INITIAL_ADMIN_EMAIL, e.INITIAL_ADMIN_PASSWORD);
    if (created) console.log(`Created the initial admin ${e.INITIAL_ADMIN_EMAIL}`);
  }

  // The embedded database lives in this process, so its scoring worker must too.
  const inProcess = e.IN_PROCESS_WORKER ? e.IN_PROCESS_WORKER === "true" : handle.mode === "pglite";
  if (inProcess) {
    setBoss(await startWorker(handle, e, { sole: handle.mode === "pglite" }));
    console.log("Scoring worker: running inside the site's process");
  } else {
    console.log("Scoring worker: none in this process; run `npm run worker` (one or more)");
  }
  // Training runs in a process of its own at a lower priority (lib/ml/training-process.ts), so the site keeps
  // answering while it trains, with the worker inside the site too (`npm run bench:responsiveness` measures it).
  if (e.BUILTIN_BASELINE_TRAINING === "true") await queueBuiltInTraining(handle.db, await getBoss(), created);
  else if (created.length > 0)
    console.log("Benchmark training not queued (BUILTIN_BASELINE_TRAINING=false): an admin starts it from a challenge's manage page.");

  const app = next({ dev: false, dir: root, hostname: "localhost", port: e.PORT });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  // Leaderboards are the hot read path: a public one is rendered once per version of its data (a new score shows at
  // once) and at most every two seconds (its countdown and phase move with time), and that render serves every
  // reader, signed in or not; the page marks the reader's own row through a small request of its own.
  const trustProxy = e.TRUST_PROXY === "true";
  const shared = microCache(
    (req, res) => {
      stampClientIp(req, trustProxy);
      void nextHandler(req, res);
    },
    { ttlMs: 2000, match: isLeaderboardPath, share: leaderboardShare(handle.db) },
  );
  const handler = withOutagePage(
    e.AUTH_SECRET ? readerEdge(shared, handle.db, e.AUTH_SECRET) : shared,
    // A page that failed while the database is unreachable says so (503, retrying) instead of a bare 500.
    { databaseDown: databaseProbe(() => pingDatabase(handle.db)), siteName: siteConfig.name },
  );
  const server = createServer(handler);
  // Keep idle connections open longer than clients (undici: 4 s) and proxies (often 60 s) do, so a client never
  // sends a request on a socket the server is closing: that race resets uploads under load (seen in bench:rush).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(e.PORT, () => console.log(`Collider Arena is running on http://localhost:${e.PORT}`));

  const shutdown = (signal: string) => {
    console.log(`${signal}: shutting down…`);
    server.close();
    // Let a job in flight finish, then close PGlite cleanly so its files are flushed.
    void getBoss()
      .then((boss) => boss.stop({ graceful: true, wait: true, timeout: 20_000 }))
      .catch(() => undefined)
      .then(() => handle.close())
      .finally(() => process.exit(0));
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof DatabaseInUseError ? err.message : err);
  process.exit(1);
});
