/**
 * npm run bench:rush — a deadline rush. A production build on PostgreSQL (a
 * scratch database, created and dropped here) with 2 scoring workers; 50
 * concurrent clients each upload 4 Kaggle-format submissions of the full test
 * set (550,000 rows) over loopback. Prints acceptance, loss/duplication checks,
 * throughput and upload→score latency. Goal: p95 < 30 s.
 * RUSH_SCALE (default 1) shrinks the built-in data for a quick trial.
 */
import { gunzipSync } from "node:zlib";
import { openDb } from "../db/client";
import { publicScoreRowCounts, scoredSpanSeconds, unscoredCount, uploadLatencies } from "../db/queries/queue-metrics";
import { createUser } from "../db/queries/users";
import { hashPassword } from "../lib/password";
import { createScratchDatabase } from "../tests/integration/databases";
import { percentile } from "./lib/load";
import { signInCookie, startScript, stopProcess, waitHealthy } from "./lib/server";

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PORT = 3212;
const BASE = `http://localhost:${PORT}`;
const CLIENTS = 50;
const PER_CLIENT = 4;
const WORKERS = 2;
const SCALE = process.env.RUSH_SCALE ?? "1";
const PASSWORD = "rush-passphrase-42";

async function main(): Promise<void> {
  const scratch = await createScratchDatabase(ADMIN_URL);
  const env = {
    DATABASE_URL: scratch.url,
    AUTH_SECRET: "r".repeat(40),
    PORT: String(PORT),
    BUILTIN_DATA_SCALE: SCALE,
    IN_PROCESS_WORKER: "false",
  };
  const server = startScript("start", env);
  const workers = [];
  try {
    await waitHealthy(`${BASE}/api/health`, 600_000);
    for (let i = 0; i < WORKERS; i++) workers.push(startScript("worker", env, true));
    const h = await openDb({ mode: "postgres", url: scratch.url });
    const hash = await hashPassword(PASSWORD);
    const cookies: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      await createUser(h.db, { email: `rush${i}@bench.local`, name: `Rusher ${i}`, passwordHash: hash });
      cookies.push(await signInCookie(BASE, `rush${i}@bench.local`, PASSWORD));
    }
    const sample = gunzipSync(Buffer.from(await (await fetch(`${BASE}/challenges/higgs-boson/data/sample_submission.csv`)).arrayBuffer()));
    const rows = sample.toString("utf8").split("\n").filter(Boolean).length - 1;
    console.log(
      `\n${CLIENTS} clients × ${PER_CLIENT} uploads of ${rows.toLocaleString("en")} rows (${(sample.byteLength / 1e6).toFixed(1)} MB each), ${WORKERS} workers`,
    );

    const t0 = performance.now();
    const statuses: number[] = [];
    await Promise.all(
      cookies.map(async (cookie, c) => {
        for (let k = 0; k < PER_CLIENT; k++) {
          try {
            const res = await fetch(`${BASE}/api/v1/challenges/higgs-boson/submissions`, {
              method: "POST",
              headers: { Cookie: cookie, "Content-Type": "text/csv", "X-Filename": `c${c}-${k}.csv` },
              body: sample,
            });
            statuses.push(res.status);
            await res.arrayBuffer();
          } catch (err) {
            // Counted, not fatal: a refused or reset connection is a failed upload the report must show.
            statuses.push(0);
            console.error(`client ${c} upload ${k}: ${(err as Error).message} (${String((err as Error).cause)})`);
          }
        }
      }),
    );
    const uploadSeconds = (performance.now() - t0) / 1000;
    const accepted = statuses.filter((s) => s === 201).length;
    console.log(
      `uploads: ${accepted}/${statuses.length} accepted in ${uploadSeconds.toFixed(1)} s (other statuses: ${JSON.stringify(statuses.filter((s) => s !== 201))})`,
    );

    const deadline = Date.now() + 30 * 60_000;
    for (;;) {
      if ((await unscoredCount(h.db)) === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const subs = await uploadLatencies(h.db);
    const dup = await publicScoreRowCounts(h.db);
    const span = await scoredSpanSeconds(h.db);
    const scored = subs.filter((s) => s.status === "scored");
    const lat = scored.map((s) => s.latency!).sort((a, b) => a - b);
    console.log(
      `stored ${subs.length}, scored ${scored.length}, failed ${subs.filter((s) => s.status === "failed").length}, left unscored ${subs.filter((s) => s.status === "queued" || s.status === "scoring").length}`,
    );
    console.log(
      `score rows ${dup.scores} for ${dup.distinctSubmissions} submissions (duplicates: ${dup.scores - dup.distinctSubmissions})`,
    );
    console.log(`throughput: ${(scored.length / span).toFixed(2)} submissions/s over ${span.toFixed(1)} s`);
    console.log(
      `upload→score latency: p50 ${percentile(lat, 50).toFixed(1)} s, p95 ${percentile(lat, 95).toFixed(1)} s, max ${(lat.at(-1) ?? NaN).toFixed(1)} s (goal: p95 < 30 s)`,
    );
    await h.close();
  } finally {
    for (const w of workers) await stopProcess(w);
    await stopProcess(server);
    await scratch.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
