import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/auth", () => ({ auth: async () => null }));

import * as subs from "@/app/api/v1/challenges/[slug]/submissions/route";
import { openDb, type DbHandle } from "@/db/client";
import { createApiToken } from "@/db/queries/api-tokens";
import { createUser } from "@/db/queries/users";
import { challenges, publicScores, submissions, type Challenge } from "@/db/schema";
import { isDatabaseUnavailable } from "@/lib/db-unavailable";
import { startBoss } from "@/lib/jobs/boss";
import { setBoss } from "@/lib/jobs/shared-queue";
import { invalidateChallenge } from "@/lib/challenge-access";
import { ownServerSkipReason, startOwnServer, type OwnServer } from "./pg-cluster";
import { goodCsv, makeHiggsChallenge } from "./queue-fixtures";

const DB_KEY = Symbol.for("collider-arena.db");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The whole path under a real outage: uploads through the API route (in this process) with an Idempotency-Key,
 * repeated on 503 as the CLI does, and two `npm run worker` processes scoring them, while the test stops its own
 * PostgreSQL for 10 s mid-burst, then crashes and restarts it at once.
 */
describe.skipIf(ownServerSkipReason)("uploads and workers through a database outage [own PostgreSQL]", () => {
  let server: OwnServer;
  let handle: DbHandle;
  let boss: PgBoss;
  let challenge: Challenge;
  let ids: number[];
  const tokens: string[] = [];
  const workers: ChildProcess[] = [];
  const output: string[] = [];

  beforeAll(async () => {
    server = await startOwnServer();
    handle = await openDb({ mode: "postgres", url: server.url });
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(handle);
    boss = await startBoss(handle);
    setBoss(boss);
    ({ challenge, ids } = await makeHiggsChallenge(handle.db));
    await handle.db.update(challenges).set({ dailySubmissionLimit: 100 }).where(eq(challenges.id, challenge.id));
    invalidateChallenge(challenge.slug);
    for (let i = 0; i < 4; i++) {
      const user = await createUser(handle.db, { email: `outage-${i}-${Date.now()}@example.org`, name: `outage ${i}` });
      tokens.push((await createApiToken(handle.db, user.id, "script")).token);
    }
    for (let i = 0; i < 2; i++) workers.push(startWorker());
    await Promise.all(workers.map((w) => waitForOutput(w, "working the scoring queue", 90_000)));
    await upload(tokens[0]!, randomUUID(), goodCsv(ids)); // the route's first call loads and caches; not part of any timeline
  }, 240_000);

  afterAll(async () => {
    if (process.env.DEBUG_WORKERS) console.log(output.join(""));
    await Promise.all(workers.map((w) => (w.exitCode === null ? new Promise((r) => (w.once("exit", r), w.kill("SIGTERM"))) : undefined)));
    await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
    await handle?.close().catch(() => undefined);
    await server?.destroy();
  }, 120_000);

  /** `npm run worker` as a child process; each job pauses 1.5 s after its claim, so the database can go while a job is in hand. */
  function startWorker(): ChildProcess {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: server.url,
        AUTH_SECRET: "x".repeat(40),
        SCORING_LEASE_SECONDS: "30",
        SCORING_BOOTSTRAP: "10",
        WORKER_TEST_PAUSE_MS: "1500",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const stream of [child.stdout, child.stderr]) stream?.on("data", (d: Buffer) => output.push(`[worker ${child.pid}] ${d}`));
    return child;
  }

  function waitForOutput(child: ChildProcess, text: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`worker ${child.pid} did not print "${text}" in ${timeoutMs} ms:\n${output.join("")}`)),
        timeoutMs,
      );
      const check = (d: Buffer) => {
        if (!d.toString().includes(text)) return;
        clearTimeout(timer);
        resolve();
      };
      child.stdout?.on("data", check);
      child.stderr?.on("data", check);
    });
  }

  /** A competitor's upload, repeated with the same key while the API answers 503 (as the CLI does, but with shorter pauses). */
  async function upload(token: string, key: string, csv: string): Promise<{ id: number; answers: number[] }> {
    const answers: number[] = [];
    for (;;) {
      const res = await subs.POST(
        new Request(`http://localhost/api/v1/challenges/${challenge.slug}/submissions`, {
          method: "POST",
          body: csv,
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv", "X-Filename": "p.csv", "Idempotency-Key": key },
        }),
        { params: Promise.resolve({ slug: challenge.slug }) },
      );
      answers.push(res.status);
      if (res.status === 201) return { id: ((await res.json()) as { submission: { id: number } }).submission.id, answers };
      if (res.status !== 503 || answers.length > 200) throw new Error(`upload ${key}: HTTP ${res.status} ${await res.text()}`);
      expect(res.headers.get("retry-after")).toBe("5");
      await sleep(250);
    }
  }

  /** Reads through the test's own outage: waits while the database is unavailable. */
  async function readWhenUp<T>(fn: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await fn();
      } catch (err) {
        if (!isDatabaseUnavailable(err)) throw err;
        await sleep(200);
      }
    }
  }

  /**
   * Sends `count` uploads one every 200 ms (every fourth one missing its last event, so it fails at scoring with a
   * reason), runs `fault` meanwhile, then waits until every submission is scored or failed, and checks that each
   * key made exactly one submission, scored once, with the workers still running. Returns the timeline.
   */
  async function burst(count: number, fault: () => Promise<{ downAt: number; upAt: number }>) {
    const short = goodCsv(ids.slice(0, -1));
    const plan = Array.from({ length: count }, (_, i) => ({ key: randomUUID(), token: tokens[i % tokens.length]!, bad: i % 4 === 3 }));
    const t0 = Date.now();
    const uploads = Promise.all(plan.map(async (p, i) => (await sleep(i * 200), upload(p.token, p.key, p.bad ? short : goodCsv(ids)))));
    const [{ downAt, upAt }, results] = await Promise.all([fault(), uploads]);
    const idsOf = results.map((r) => r.id);
    const final = await readWhenUp(async () => {
      for (;;) {
        const rows = await handle.db
          .select({ id: submissions.id, status: submissions.status, error: submissions.error })
          .from(submissions)
          .where(inArray(submissions.id, idsOf));
        if (rows.every((r) => r.status === "scored" || r.status === "failed")) return rows;
        if (Date.now() - upAt > 120_000)
          throw new Error(
            `not final 120 s after the database came back: ${JSON.stringify(rows.filter((r) => r.status !== "scored" && r.status !== "failed"))}`,
          );
        await sleep(200);
      }
    });
    const doneAt = Date.now();

    // Every key made exactly one submission, and nothing else was stored.
    const keyed = await handle.db
      .select({ id: submissions.id, key: submissions.idempotencyKey })
      .from(submissions)
      .where(
        and(
          eq(submissions.challengeId, challenge.id),
          isNotNull(submissions.idempotencyKey),
          inArray(
            submissions.idempotencyKey,
            plan.map((p) => p.key),
          ),
        ),
      );
    expect(keyed).toHaveLength(count);
    expect(new Set(idsOf).size).toBe(count);
    // Good files scored exactly once; short ones failed with the scorer's reason and no score.
    const byId = new Map(final.map((r) => [r.id, r]));
    const scores = await handle.db
      .select({ id: publicScores.submissionId })
      .from(publicScores)
      .where(inArray(publicScores.submissionId, idsOf));
    const scoreCount = new Map<number, number>();
    for (const s of scores) scoreCount.set(s.id, (scoreCount.get(s.id) ?? 0) + 1);
    plan.forEach((p, i) => {
      const row = byId.get(idsOf[i]!)!;
      if (p.bad) {
        expect(row.status).toBe("failed");
        expect(row.error).toMatch(/missing|event/i);
        expect(scoreCount.get(row.id)).toBeUndefined();
      } else {
        expect(row.status).toBe("scored");
        expect(scoreCount.get(row.id)).toBe(1);
      }
    });
    expect(workers.map((w) => w.exitCode)).toEqual([null, null]);
    const sec = (t: number) => ((t - t0) / 1000).toFixed(1);
    const timeline = {
      submissions: count,
      answered503: results.reduce((n, r) => n + r.answers.filter((s) => s === 503).length, 0),
      line: `${count} uploads from +0 to +${sec(t0 + (count - 1) * 200)} s; database down at +${sec(downAt)} s, back at +${sec(upAt)} s (${((upAt - downAt) / 1000).toFixed(1)} s); all final at +${sec(doneAt)} s (${((doneAt - upAt) / 1000).toFixed(1)} s after it came back)`,
    };
    console.log(`[outage test] ${timeline.line}; ${timeline.answered503} upload attempts answered 503 and were repeated with their key`);
    return timeline;
  }

  /** Waits until a worker holds a claimed submission of this challenge (mid-job, in its pause). */
  const untilMidJob = async () => {
    for (;;) {
      const rows = await handle.db
        .select({ id: submissions.id })
        .from(submissions)
        .where(and(eq(submissions.challengeId, challenge.id), eq(submissions.status, "scoring")));
      if (rows.length > 0) return;
      await sleep(50);
    }
  };

  it("survives a 10 s outage mid-burst: every upload stored once, every submission scored or failed once, workers alive", async () => {
    const t = await burst(16, async () => {
      await untilMidJob();
      const downAt = Date.now();
      await server.stop("fast");
      await sleep(10_000);
      await server.start();
      return { downAt, upAt: Date.now() };
    });
    expect(t.answered503).toBeGreaterThan(0); // uploads were sent while it was down
    expect(output.join("")).toMatch(/submission \d+ \(attempt 1 of 4\): database unavailable \([^)]*\); waiting for it/); // a job in hand waited
  }, 300_000);

  it("survives a crash and immediate restart (about a second) mid-burst", async () => {
    await burst(12, async () => {
      await untilMidJob();
      const downAt = Date.now();
      await server.stop("immediate");
      await server.start();
      return { downAt, upAt: Date.now() };
    });
  }, 300_000);
});
