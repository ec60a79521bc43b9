import { spawn, type ChildProcess } from "node:child_process";
import { gzipSync } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHiggsDataset } from "@/challenges/higgs-tautau/built-in";
import { openDb, type DbHandle } from "@/db/client";
import { createChallengeWithDataset } from "@/db/create-challenge";
import { createSubmission } from "@/db/queries/submissions";
import { privateScores, publicScores, submissionFiles, submissions, type Challenge } from "@/db/schema";
import { startBoss } from "@/lib/jobs/boss";
import { enqueueScoring, runScoringJob, workScoringQueue } from "@/lib/jobs/score-submission";
import { createScratchDatabase, describeEachDatabase } from "./databases";
import { makeUserWithTeam } from "./fixtures";

const OPTS = { bootstrap: 20, leaseSeconds: 60 };
const FAST_QUEUE = { expireInSeconds: 60, retryLimit: 1, retryDelaySeconds: 0, maintenanceIntervalSeconds: 1 };

async function makeHiggsChallenge(db: DbHandle["db"]) {
  const data = generateHiggsDataset({ seed: 7, trainEvents: 50, testEvents: 300 });
  const ids = Array.from(data.solution.eventId);
  const c = await createChallengeWithDataset(
    db,
    {
      slug: `q-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`,
      kind: "higgs-tautau",
      title: "Queue test",
      summary: "",
      description: "",
      metricId: "ams",
      config: {},
      phases: (now) => [{ name: "Main", startsAt: new Date(now.getTime() - 1000), endsAt: new Date(now.getTime() + 86_400_000) }],
    },
    data,
  );
  return { challenge: c as Challenge, ids };
}

/** A valid Kaggle-format submission ranking events by id. */
const goodCsv = (ids: number[]) =>
  ["EventId,RankOrder,Class", ...ids.map((id, i) => `${id},${i + 1},${i % 3 === 0 ? "s" : "b"}`)].join("\n") + "\n";

async function upload(db: DbHandle["db"], challenge: Challenge, csv: string) {
  const { user, team } = await makeUserWithTeam(db, challenge.id);
  const text = Buffer.from(csv);
  return createSubmission(db, {
    challengeId: challenge.id, teamId: team.id, userId: user.id, dailyLimit: 100, filename: "s.csv", description: "",
    gzipContent: gzipSync(text), sizeBytes: text.byteLength, sha256: "0".repeat(64),
  });
}

async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 200));
  }
}

const statusOf = async (db: DbHandle["db"], id: number) =>
  (await db.select({ s: submissions.status, e: submissions.error }).from(submissions).where(eq(submissions.id, id)))[0]!;

describeEachDatabase("scoring jobs", (get) => {
  it("scores a queued submission once, with public and private rows and uncertainties", async () => {
    const { db } = get();
    const { challenge, ids } = await makeHiggsChallenge(db);
    const sub = await upload(db, challenge, goodCsv(ids));
    expect(await runScoringJob(db, sub.id, OPTS)).toBe("scored");
    expect(await runScoringJob(db, sub.id, OPTS)).toBe("skipped"); // a duplicate delivery does nothing
    expect((await statusOf(db, sub.id)).s).toBe("scored");
    const [pub] = await db.select().from(publicScores).where(eq(publicScores.submissionId, sub.id));
    const [priv] = await db.select().from(privateScores).where(eq(privateScores.submissionId, sub.id));
    expect(pub!.score).toBeGreaterThanOrEqual(0);
    expect(pub!.std).toBeGreaterThan(0);
    expect(Array.isArray(pub!.details.curveAms)).toBe(true);
    expect(priv!.details.curveAms).toBeUndefined(); // the curve is shown for the public subset only
  });

  it("fails a malformed file with its lines and reasons, and writes no score", async () => {
    const { db } = get();
    const { challenge, ids } = await makeHiggsChallenge(db);
    const bad = goodCsv(ids).replace(`\n${ids[1]},2,b\n`, `\n${ids[1]},2,maybe\n`);
    const sub = await upload(db, challenge, bad);
    expect(await runScoringJob(db, sub.id, OPTS)).toBe("failed");
    const st = await statusOf(db, sub.id);
    expect(st.s).toBe("failed");
    expect(st.e).toMatch(/line 3: Class "maybe" is not s or b/);
    expect(await db.select().from(publicScores).where(eq(publicScores.submissionId, sub.id))).toEqual([]);
  });

  describe("through the queue", () => {
    let bosses: PgBoss[] = [];
    afterAll(async () => {
      for (const b of bosses) await b.stop({ graceful: false, wait: true });
    });

    it("two workers score 10 submissions, each exactly once", async () => {
      const h = get();
      const { challenge, ids } = await makeHiggsChallenge(h.db);
      bosses = [await startBoss(h, FAST_QUEUE), await startBoss(h, FAST_QUEUE)];
      for (const b of bosses) await workScoringQueue(b, h.db, { ...OPTS, concurrency: 1, pollingIntervalSeconds: 0.5 });
      const subs = [];
      for (let i = 0; i < 10; i++) {
        const s = await upload(h.db, challenge, goodCsv(ids));
        await enqueueScoring(bosses[0]!, s.id);
        await enqueueScoring(bosses[1]!, s.id); // duplicate jobs for the same submission
        subs.push(s);
      }
      for (const s of subs) await waitFor(async () => ((await statusOf(h.db, s.id)).s === "scored" ? true : undefined), 30_000);
      const [n] = await h.db
        .select({ n: sql<number>`count(*)` })
        .from(publicScores)
        .where(sql`${publicScores.submissionId} in ${subs.map((s) => s.id)}`);
      expect(Number(n!.n)).toBe(10);
    });

    it("retries a failing job and then ends the submission as failed with the reason, never stuck", async () => {
      const h = get();
      const { challenge, ids } = await makeHiggsChallenge(h.db);
      const sub = await upload(h.db, challenge, goodCsv(ids));
      await h.db.delete(submissionFiles).where(eq(submissionFiles.submissionId, sub.id)); // every attempt fails
      await enqueueScoring(bosses[0]!, sub.id);
      const st = await waitFor(async () => {
        const s = await statusOf(h.db, sub.id);
        return s.s === "failed" ? s : undefined;
      }, 30_000);
      expect(st.e).toMatch(/Scoring failed after 2 attempts: submission \d+ has no stored file/);
    });
  });
});

const PG_URL = process.env.TEST_DATABASE_URL;
describe.skipIf(!PG_URL)("a worker killed mid-job [postgres]", () => {
  let handle: DbHandle;
  let drop: () => Promise<void>;
  let url: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    ({ url, drop } = await createScratchDatabase(PG_URL!));
    handle = await openDb({ mode: "postgres", url });
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await handle?.close();
    await drop?.();
  });

  const worker = (extra: Record<string, string>) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, DATABASE_URL: url, AUTH_SECRET: "x".repeat(40), SCORING_LEASE_SECONDS: "3", SCORING_BOOTSTRAP: "10", ...extra },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    return child;
  };

  it("is taken over after the lease and scores the submission exactly once", async () => {
    const { challenge, ids } = await makeHiggsChallenge(handle.db);
    const sub = await upload(handle.db, challenge, goodCsv(ids));
    const first = worker({ WORKER_TEST_PAUSE_MS: "600000" });
    const boss = await startBoss(handle, { expireInSeconds: 3, retryLimit: 3, retryDelaySeconds: 0, maintenanceIntervalSeconds: 1 });
    await enqueueScoring(boss, sub.id);
    await boss.stop({ graceful: false, wait: true });
    await waitFor(async () => ((await statusOf(handle.db, sub.id)).s === "scoring" ? true : undefined), 30_000);
    first.kill("SIGKILL");
    const second = worker({});
    await waitFor(async () => ((await statusOf(handle.db, sub.id)).s === "scored" ? true : undefined), 45_000);
    second.kill("SIGTERM");
    const rows = await handle.db.select().from(publicScores).where(eq(publicScores.submissionId, sub.id));
    expect(rows).toHaveLength(1);
  }, 90_000);
});
