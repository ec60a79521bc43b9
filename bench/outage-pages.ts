/**
 * npm run bench:outage-pages — what a reader gets while PostgreSQL is down: the production site (`npm start`) on a
 * PostgreSQL server of its own (initdb in a temporary folder; skipped with a message where the server binaries are
 * absent), pages and an API route before, during and after a stop. Expect 503 with Retry-After and the page "The
 * database is unreachable" during (lib/outage-page.ts), 200 after.
 */
import { encode } from "next-auth/jwt";
import { ownServerSkipReason, startOwnServer } from "../tests/integration/pg-cluster";
import { startScript, stopProcess, waitHealthy } from "./lib/server";

const PORT = Number(process.env.BENCH_PORT ?? 3212);
const base = `http://localhost:${PORT}`;
const show = async (label: string, path: string, headers: Record<string, string> = {}) => {
  const t0 = Date.now();
  const res = await fetch(base + path, { headers, redirect: "manual" }).catch((e: Error) => ({
    status: `fetch failed ${e.message}`,
    headers: new Headers(),
    text: async () => "",
  }));
  const body = await res.text();
  const h1 = /<h1[^>]*>([^<]*)</.exec(body)?.[1];
  console.log(
    `${label.padEnd(28)} ${path.padEnd(42)} ${res.status} retry-after=${res.headers.get("retry-after")} h1=${JSON.stringify(h1)} ${Date.now() - t0} ms`,
  );
};

if (ownServerSkipReason) {
  console.log(`skipped: ${ownServerSkipReason}`);
  process.exit(0);
}
const pg = await startOwnServer();
const site = startScript(
  "start",
  {
    DATABASE_URL: pg.url,
    AUTH_SECRET: "c".repeat(40),
    PORT: String(PORT),
    BUILTIN_DATA_SCALE: "0.01",
    IN_PROCESS_WORKER: "false",
    BUILTIN_BASELINE_TRAINING: "false",
  },
  true,
);
try {
  await waitHealthy(`${base}/api/health`, 300_000);
  const jwt = await encode({ token: { sub: "nobody", sessionVersion: 0 }, secret: "c".repeat(40), salt: "authjs.session-token" });
  const cookie = { cookie: `authjs.session-token=${jwt}` };
  for (const p of ["/challenges/higgs-boson", "/challenges/higgs-boson/leaderboard"]) await show("database up", p);
  await pg.stop("fast");
  for (const p of [
    "/",
    "/challenges/higgs-boson",
    "/challenges/higgs-boson/data",
    "/challenges/higgs-boson/leaderboard",
    "/api/v1/challenges",
  ])
    await show("database down", p);
  await show("database down, signed in", "/profile", cookie);
  await pg.start();
  await new Promise((r) => setTimeout(r, 1000));
  await show("database back", "/challenges/higgs-boson");
} finally {
  await stopProcess(site);
  await pg.destroy();
}
