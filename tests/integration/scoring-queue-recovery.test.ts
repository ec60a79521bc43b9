import { spawn, type ChildProcess } from "node:child_process";
import { eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { submissions } from "@/db/schema";
import { SCORE_DEAD_LETTER_QUEUE, SCORE_QUEUE, startBoss, type QueueSettings } from "@/lib/jobs/boss";
import { warmScoringThreads } from "@/lib/jobs/scoring-pool";
import { requeueOrphans } from "@/lib/jobs/orphans";
import { claimSubmission } from "@/db/queries/scoring";
import { deadLetterHandler, enqueueScoring, scoringHandler, workScoringQueue, type ScoringJobData } from "@/lib/jobs/score-submission";
import { createScratchDatabase, describeEachDatabase } from "./databases";
import { goodCsv, makeHiggsChallenge, SCORING, scoreRowCounts, statusOf, upload, waitFor, waitForStatus } from "./queue-fixtures";

/** A job silent for 1 s is expired at the next sweep, a second later at most; a retry waits 1-2 s (pg-boss's minimum backoff). */
const EXPIRING: QueueSettings = { expireInSeconds: 1, retryLimit: 1, retryDelaySeconds: 1, maintenanceIntervalSeconds: 1 };
const META = { includeMetadata: true, batchSize: 1 } as const;

/** Fetches the next scoring job as a worker would, making it active (a retry waits out its 1-2 s backoff). */
const takeJob = (boss: PgBoss) =>
  waitFor(async () => (await boss.fetch<ScoringJobData>(SCORE_QUEUE, META))[0], 10_000, "a scoring job to take");

// These tests play the dying worker by hand: the test takes a job and claims its
// submission, then walks away. No worker polls the scoring queue until the last test.
describeEachDatabase("scoring jobs that die or get lost", (get) => {
  let boss: PgBoss;
  beforeAll(async () => {
    boss = await startBoss(get(), EXPIRING);
    // As a worker does at start: a job must not wait out the 1 s expiry for its thread to load.
    await warmScoringThreads(1);
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
  });

  it("fails the submission with the reason when its worker dies on the last attempt", async () => {
    const { db } = get();
    const { challenge, ids } = await makeHiggsChallenge(db);
    const sub = await upload(db, challenge, goodCsv(ids));
    // Per-job retry limit 0: this first attempt is the last.
    await boss.send(SCORE_QUEUE, { submissionId: sub.id }, { retryLimit: 0, singletonKey: String(sub.id) });
    const job = await takeJob(boss);
    expect(await claimSubmission(db, sub.id, job.id)).toBe(true);
    await boss.work(SCORE_DEAD_LETTER_QUEUE, { ...META, pollingIntervalSeconds: 0.5 }, deadLetterHandler(db));
    const st = await waitForStatus(db, sub.id, "failed", 10_000);
    expect(st.error).toBe("Scoring failed after 1 attempt: the worker stopped responding (no result before the job's time limit)");
  });

  it("retries a job whose worker died mid-way under the same id, which re-claims and scores it once", async () => {
    const { db } = get();
    const { challenge, ids } = await makeHiggsChallenge(db);
    const sub = await upload(db, challenge, goodCsv(ids));
    const jobId = (await enqueueScoring(boss, sub.id))!;
    const first = await takeJob(boss);
    expect(first.id).toBe(jobId);
    expect(await claimSubmission(db, sub.id, first.id)).toBe(true); // ...and the worker dies here
    await waitFor(
      async () => ((await boss.getJobById(SCORE_QUEUE, jobId))?.state === "retry" ? true : undefined),
      10_000,
      "the job to expire",
    );
    const retry = await takeJob(boss);
    expect([retry.id, retry.retryCount]).toEqual([jobId, 1]);
    await scoringHandler(db, SCORING)([retry]);
    await boss.complete(SCORE_QUEUE, retry.id);
    expect((await statusOf(db, sub.id)).status).toBe("scored");
    expect(await scoreRowCounts(db, [sub.id])).toEqual(new Map([[sub.id, 1]]));
  });

  it("requeues submissions that no live job will pick up, and they are then scored once", async () => {
    const { db } = get();
    const { challenge, ids } = await makeHiggsChallenge(db);
    const waiting = await upload(db, challenge, goodCsv(ids));
    await enqueueScoring(boss, waiting.id);
    const neverQueued = await upload(db, challenge, goodCsv(ids)); // the site died before queueing it
    const lostClaim = await upload(db, challenge, goodCsv(ids)); // its job was lost mid-scoring
    await claimSubmission(db, lostClaim.id, "a-job-that-is-gone");

    expect(await requeueOrphans(db, boss, { sole: false, minAgeSeconds: 3600 })).toEqual([]); // too young to judge
    expect((await requeueOrphans(db, boss, { sole: false, minAgeSeconds: 0 })).sort((a, b) => a - b)).toEqual([
      neverQueued.id,
      lostClaim.id,
    ]);
    expect((await statusOf(db, lostClaim.id)).status).toBe("queued");

    // A job active at start-up of the embedded server belongs to the process that crashed.
    const active = await takeJob(boss);
    expect(active.data.submissionId).toBe(waiting.id);
    expect(await requeueOrphans(db, boss, { sole: false, minAgeSeconds: 0 })).toEqual([]);
    expect(await requeueOrphans(db, boss, { sole: true, minAgeSeconds: 0 })).toEqual([waiting.id]);

    await workScoringQueue(boss, db, { ...SCORING, concurrency: 1, pollingIntervalSeconds: 0.5 });
    const all = [waiting.id, neverQueued.id, lostClaim.id];
    for (const id of all) await waitForStatus(db, id, "scored");
    const counts = await scoreRowCounts(db, all);
    expect(all.map((id) => counts.get(id))).toEqual([1, 1, 1]);
  });
});

const PG_URL = process.env.TEST_DATABASE_URL;
describe.skipIf(!PG_URL)("a worker process killed mid-job [postgres]", () => {
  let handle: DbHandle;
  let drop: () => Promise<void>;
  let url: string;
  const children: ChildProcess[] = [];
  const output: string[] = [];
  beforeAll(async () => {
    ({ url, drop } = await createScratchDatabase(PG_URL!));
    handle = await openDb({ mode: "postgres", url });
  });
  afterAll(async () => {
    if (process.env.DEBUG_WORKERS) console.log(output.join(""));
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    await handle?.close();
    await drop?.();
  });

  /** `npm run worker` as a child process; a 2 s job time limit makes the kill noticed within seconds. */
  const worker = (extra: Record<string, string>) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        AUTH_SECRET: "x".repeat(40),
        SCORING_LEASE_SECONDS: "2",
        SCORING_BOOTSTRAP: "10",
        ...extra,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const stream of [child.stdout, child.stderr]) stream?.on("data", (d: Buffer) => output.push(`[pid ${child.pid}] ${d}`));
    children.push(child);
    return child;
  };

  it("is noticed after the job's time limit; another worker scores the submission exactly once", async () => {
    const { challenge, ids } = await makeHiggsChallenge(handle.db);
    const sub = await upload(handle.db, challenge, goodCsv(ids));
    const first = worker({ WORKER_TEST_PAUSE_MS: "600000" }); // claims, then sleeps "mid-job"
    const boss = await startBoss(handle, { expireInSeconds: 2, retryLimit: 3, retryDelaySeconds: 1, maintenanceIntervalSeconds: 1 });
    const jobId = await enqueueScoring(boss, sub.id);
    await boss.stop({ graceful: false, wait: true });
    await waitFor(
      async () => ((await statusOf(handle.db, sub.id)).status === "scoring" ? true : undefined),
      30_000,
      "the first worker to claim",
    );
    first.kill("SIGKILL");
    const second = worker({});
    const st = await waitForStatus(handle.db, sub.id, "scored", 30_000);
    second.kill("SIGTERM");
    expect(st.token).toBe(jobId); // the same job, retried, finished it
    expect(await scoreRowCounts(handle.db, [sub.id])).toEqual(new Map([[sub.id, 1]]));
    const [row] = await handle.db.select({ finishedAt: submissions.finishedAt }).from(submissions).where(eq(submissions.id, sub.id));
    expect(row!.finishedAt).not.toBeNull();
  }, 60_000);

  it("finishes the job in hand before exiting on SIGTERM", async () => {
    const { challenge, ids } = await makeHiggsChallenge(handle.db);
    const sub = await upload(handle.db, challenge, goodCsv(ids));
    const child = worker({ WORKER_TEST_PAUSE_MS: "2000", SCORING_LEASE_SECONDS: "60" }); // no expiry during the pause
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const boss = await startBoss(handle, { expireInSeconds: 60, retryLimit: 3, retryDelaySeconds: 1, maintenanceIntervalSeconds: 1 });
    await enqueueScoring(boss, sub.id);
    await boss.stop({ graceful: false, wait: true });
    await waitFor(async () => ((await statusOf(handle.db, sub.id)).status === "scoring" ? true : undefined), 30_000, "the worker to claim");
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect((await statusOf(handle.db, sub.id)).status).toBe("scored");
  }, 60_000);
});
