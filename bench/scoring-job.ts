/**
 * Scoring-job benchmark (`npx tsx bench/scoring-job.ts`): one worker's path on a
 * real database for a full-size 550,000-event Higgs test set — load the answer
 * key from the database (cold, then cached), claim, gunzip, score with 200
 * bootstrap resamples, write both scores — then N submissions through pg-boss
 * with one in-process worker (enqueue → scored latency). On PostgreSQL when
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, in a scratch database that is
 * dropped afterwards; otherwise on in-memory PGlite.
 */
import { gzipSync } from "node:zlib";
import { generateHiggsDataset } from "../challenges/higgs-tautau/built-in";
import { openDb, type DbHandle } from "../db/client";
import { databaseClock, latenciesSince } from "../db/queries/queue-metrics";
import { createChallengeWithDataset } from "../lib/challenges/create-challenge";
import { createSubmission } from "../db/queries/submissions";
import { ensureTeam } from "../db/queries/teams";
import { createUser } from "../db/queries/users";
import type { Challenge } from "../db/schema";
import { startBoss } from "../lib/jobs/boss";
import { enqueueScoring, runScoringJob, workScoringQueue } from "../lib/jobs/score-submission";
import { solutionForChallenge } from "../lib/jobs/solutions";
import { createScratchDatabase } from "../tests/integration/databases";

const TEST_EVENTS = 550_000;
const BOOTSTRAP = 200;
const QUEUED = Number(process.env.BENCH_QUEUED ?? 4);

const ms = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const scratch = adminUrl ? await createScratchDatabase(adminUrl) : undefined;
  const handle: DbHandle = scratch ? await openDb({ mode: "postgres", url: scratch.url }) : await openDb({ mode: "pglite" });
  console.log(`database: ${handle.mode}; ${TEST_EVENTS.toLocaleString("en")} test events, bootstrap ${BOOTSTRAP}`);
  try {
    let t = performance.now();
    const data = generateHiggsDataset({ seed: 11, trainEvents: 1_000, testEvents: TEST_EVENTS });
    const ids = Array.from(data.solution.eventId);
    const challenge = (await createChallengeWithDataset(
      handle.db,
      {
        slug: "bench-queue",
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
    console.log(`setup (simulate + store the answer key): ${ms(t)}`);

    const csv = ["EventId,RankOrder,Class", ...ids.map((id, i) => `${id},${i + 1},${i % 6 === 0 ? "s" : "b"}`)].join("\n") + "\n";
    const gz = gzipSync(Buffer.from(csv));
    const user = await createUser(handle.db, { email: "bench@example.org", name: "bench" });
    const team = await ensureTeam(handle.db, challenge.id, user);
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
        sha256: "0".repeat(64),
      });
    console.log(`submission: ${(csv.length / 1e6).toFixed(1)} MB CSV, ${(gz.byteLength / 1e6).toFixed(1)} MB gzip`);

    t = performance.now();
    await solutionForChallenge(handle.db, challenge.id);
    console.log(`answer key loaded from the database (cold, once per worker and dataset): ${ms(t)}`);
    for (const run of [1, 2]) {
      const sub = await submit();
      t = performance.now();
      const outcome = await runScoringJob(handle.db, sub.id, { bootstrap: BOOTSTRAP });
      console.log(`scoring job ${run} (answer key cached): ${ms(t)} → ${outcome}`);
    }

    const boss = await startBoss(handle);
    await workScoringQueue(boss, handle.db, { bootstrap: BOOTSTRAP, concurrency: 1, pollingIntervalSeconds: 0.5 });
    const subs = [];
    for (let i = 0; i < QUEUED; i++) subs.push(await submit());
    // Latencies from the database's clock: an in-process worker's scoring blocks
    // this event loop too, so polling from here would see finishes late.
    const since = await databaseClock(handle.db);
    for (const s of subs) await enqueueScoring(boss, s.id);
    const subIds = subs.map((s) => s.id);
    let finished: (number | null)[] = [];
    while (finished.length === 0 || finished.some((l) => l === null)) {
      await new Promise((r) => setTimeout(r, 500));
      finished = await latenciesSince(handle.db, { since, submissionIds: subIds });
    }
    const latencies = finished.map((l) => l!);
    const total = Math.max(...latencies);
    console.log(
      `${QUEUED} queued at once, 1 worker: all scored in ${total.toFixed(2)} s (${(QUEUED / total).toFixed(3)} submissions/s); ` +
        `enqueue→scored latencies ${latencies.map((l) => l.toFixed(1)).join(", ")} s`,
    );
    await boss.stop({ graceful: false, wait: true });
  } finally {
    await handle.close();
    await scratch?.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
