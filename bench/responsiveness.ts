/**
 * Site responsiveness while a submission scores (`npm run bench:responsiveness`): the embedded database in this
 * process, as under `npm start`, a health endpoint doing what /api/health does (`select 1` on that database), and a
 * prober on its own thread requesting it every 20 ms, so its clock keeps running while this event loop is busy.
 * Phases: idle; a 550,000-event Higgs submission scored by the worker's own function (runScoringJob: the file and
 * answer key read here, the scoring on a scoring thread), first on the dataset (answer key read from the database)
 * and warm; and, for comparison, the same file scored on this thread, as the worker did before scoring threads.
 * Then a baseline training run as the worker runs it (executeBaselineRun: training in its own process, the entry
 * registered and scored here), XGBoost where libxgboost0 loads, else the tfjs MLP, as at first start; and, for
 * comparison, the same training on this thread, as the worker did before.
 * BENCH_EVENTS (test events, 550,000), BENCH_TRAIN_EVENTS (250,000: scale 1) and BENCH_TRAIN_EPOCHS (rounds or epochs, 60).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { formatScore } from "../scoring/score-value";
import { generateHiggsDataset } from "../challenges/higgs-tautau/built-in";
import { openDb } from "../db/client";
import { createChallengeWithDataset } from "../lib/challenges/create-challenge";
import { createSubmission } from "../db/queries/submissions";
import { ensureTeam } from "../db/queries/teams";
import { createUser } from "../db/queries/users";
import type { Challenge } from "../db/schema";
import { listBaselineRuns } from "../db/queries/baseline-runs";
import { pingDatabase } from "../db/queries/health";
import { createBaselineRun, executeBaselineRun } from "../lib/jobs/baseline-job";
import { runScoringJob } from "../lib/jobs/score-submission";
import { stopScoringThreads, warmScoringThreads } from "../lib/jobs/scoring-pool";
import { solutionForChallenge } from "../lib/jobs/solutions";
import { runBaseline } from "../lib/ml/baseline-run";
import { trainHere } from "../lib/ml/trainer";
import { loadXgboost } from "../lib/ml/xgboost";
import { scoreSubmission } from "../scoring";

const TEST_EVENTS = Number(process.env.BENCH_EVENTS ?? 550_000);
const TRAIN_EVENTS = Number(process.env.BENCH_TRAIN_EVENTS ?? 250_000);
const TRAIN_EPOCHS = Number(process.env.BENCH_TRAIN_EPOCHS ?? 60);
const BOOTSTRAP = 200;
const PROBE_MS = 20;

// Plain JavaScript (an eval'd thread needs no TypeScript loader): probes until told to stop, then posts latencies.
const PROBER = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let running = true;
let warm = false;
let latencies = [];
parentPort.on("message", () => { running = false; });
(async () => {
  while (running) {
    const t0 = performance.now();
    await new Promise((resolve, reject) => {
      http.get(workerData.url, { agent }, (res) => { res.resume(); res.on("end", resolve); }).on("error", reject);
    });
    latencies.push(performance.now() - t0);
    // Probing from here on: the work starts now, and the warm-up request is not counted.
    if (!warm) { warm = true; latencies = []; parentPort.postMessage("ready"); }
    await new Promise((r) => setTimeout(r, workerData.everyMs));
  }
  parentPort.postMessage(latencies);
  agent.destroy();
})();
`;

function summary(latencies: number[]): string {
  const s = [...latencies].sort((a, b) => a - b);
  if (s.length === 0) return "no request completed";
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  return `${s.length} requests: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms, max ${s.at(-1)!.toFixed(1)} ms`;
}

/** Runs `work` while the prober requests the health endpoint; prints its latencies and the work's duration. */
async function probed(label: string, url: string, work: () => Promise<unknown>): Promise<void> {
  const prober = new Worker(PROBER, { eval: true, workerData: { url, everyMs: PROBE_MS } });
  prober.on("error", (err) => console.error(`prober: ${err.message}`));
  await new Promise((resolve) => prober.once("message", resolve));
  const done = new Promise<number[]>((resolve) => prober.once("message", resolve));
  const t0 = performance.now();
  const elu0 = performance.eventLoopUtilization();
  // The longest the site's event loop went without a turn (10 ms resolution).
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const outcome = await work();
  stalls.disable();
  const seconds = (performance.now() - t0) / 1000;
  // The share of the job's wall time this (the site's) event loop spent running code rather than waiting.
  const busy = performance.eventLoopUtilization(elu0).utilization;
  prober.postMessage("stop");
  const latencies = await done;
  await prober.terminate();
  const stall = `longest stall ${(stalls.max / 1e6).toFixed(0)} ms`;
  console.log(
    `${label} (${seconds.toFixed(2)} s${typeof outcome === "string" ? `, ${outcome}` : ""}; site thread busy ${(100 * busy).toFixed(0)}%, ${stall}): health ${summary(latencies)}`,
  );
}

async function main(): Promise<void> {
  const handle = await openDb({ mode: "pglite" });
  // As the site's worker does when it starts (workScoringQueue).
  await warmScoringThreads(1);
  const server = createServer((_req, res) => {
    pingDatabase(handle.db).then(
      () => res.end('{"ok":true}'),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`;
  try {
    console.log(
      `embedded database (PGlite, in memory); ${TEST_EVENTS.toLocaleString("en")} test events, bootstrap ${BOOTSTRAP}; probe every ${PROBE_MS} ms from its own thread`,
    );
    const data = generateHiggsDataset({ seed: 11, trainEvents: TRAIN_EVENTS, testEvents: TEST_EVENTS });
    const challenge = (await createChallengeWithDataset(
      handle.db,
      {
        slug: "bench-responsive",
        kind: "higgs-tautau",
        title: "Bench",
        summary: "",
        description: "",
        metricId: "ams",
        config: {},
        phases: (now) => [{ name: "Main", startsAt: new Date(now.getTime() - 1000), endsAt: new Date(now.getTime() + 86_400_000) }],
      },
      data,
    )) as Challenge;
    const ids = Array.from(data.solution.eventId);
    const csv = ["EventId,RankOrder,Class", ...ids.map((id, i) => `${id},${i + 1},${i % 6 === 0 ? "s" : "b"}`)].join("\n") + "\n";
    const file = Buffer.from(csv);
    const gz = gzipSync(file);
    const user = await createUser(handle.db, { email: "bench@example.org", name: "bench" });
    const team = await ensureTeam(handle.db, challenge.id, user);
    let n = 0;
    const submit = () =>
      createSubmission(handle.db, {
        challengeId: challenge.id,
        teamId: team.id,
        userId: user.id,
        dailyLimit: 1_000,
        filename: "b.csv",
        description: "",
        gzipContent: gz,
        sizeBytes: csv.length,
        sha256: (++n).toString(16).padStart(64, "0"),
      });

    await probed("idle", url, () => new Promise((r) => setTimeout(r, 2000)));
    for (const run of ["first on the dataset (answer key read from the database)", "warm", "warm again"]) {
      const sub = await submit();
      await probed(`scoring job, ${run}`, url, () => runScoringJob(handle.db, sub.id, { bootstrap: BOOTSTRAP }));
    }
    const solution = await solutionForChallenge(handle.db, challenge.id);
    await probed("for comparison, the same file scored on the site's thread (the old path)", url, async () => {
      await scoreSubmission({ solution, submission: file, metricId: "ams", bootstrap: BOOTSTRAP, seed: 1 });
      return "scored";
    });

    // As at first start: XGBoost where it loads, else the MLP.
    const family = loadXgboost().xgb ? "xgboost" : "tfjs";
    const training = `${family}, ${TRAIN_EVENTS.toLocaleString("en")} training events, ${TRAIN_EPOCHS} ${family === "xgboost" ? "rounds" : "epochs"} at most`;
    const run = await createBaselineRun(handle.db, { send: async () => "job" } as never, {
      challengeId: challenge.id,
      requestedBy: null,
      family,
      seed: 1,
      epochs: TRAIN_EPOCHS,
    });
    await probed(`baseline training run (${training}; trained in its own process, the entry scored here)`, url, async () => {
      await executeBaselineRun(handle.db, run.id, { bootstrap: BOOTSTRAP });
      const [done] = await listBaselineRuns(handle.db, challenge.id);
      return done?.status === "done"
        ? `done, public score ${formatScore(done.results?.[0]?.publicScore, 3)}`
        : `${done?.status}: ${done?.message}`;
    });
    await probed("for comparison, the same training on the site's thread (the old path; not registered)", url, async () => {
      await runBaseline(handle.db, {
        challenge: challenge.slug,
        family,
        seed: 1,
        epochs: TRAIN_EPOCHS,
        register: false,
        bootstrap: 0,
        trainer: trainHere,
      });
      return "trained";
    });
  } finally {
    server.close();
    await stopScoringThreads();
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
