/** Baseline runs started from the manage page: queued, trained by the worker with progress, ended done or failed. */
import { readdirSync, readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { generateHiggsDataset, higgsBuiltIn } from "@/challenges/higgs-tautau/built-in";
import { createChallengeWithDataset } from "@/lib/challenges/create-challenge";
import { seedBuiltInChallenges } from "@/lib/challenges/seed-built-ins";
import { benchmarkRows } from "@/db/queries/leaderboard";
import { baselineRuns } from "@/db/schema";
import { listBaselineRuns } from "@/db/queries/baseline-runs";
import { createBaselineRun, executeBaselineRun, failInterruptedBaselineRuns } from "@/lib/jobs/baseline-job";
import { BASELINE_QUEUE } from "@/lib/jobs/boss";
import { loadXgboost } from "@/lib/ml/xgboost";
import { describeEachDatabase } from "./databases";
import { makeChallenge, makeUserWithTeam } from "./fixtures";

const { generate: _generate, ...spec } = higgsBuiltIn;
// Without libxgboost0 an XGBoost run is refused (baseline-family-unavailable.test.ts): the job is tested with tfjs.
const xgboost = loadXgboost();
if (!xgboost.xgb) console.warn(`Baseline runs tested with the tfjs family instead of XGBoost: ${xgboost.reason}`);
const [FAMILY, TRAINED] = xgboost.xgb ? ["xgboost", "xgboost"] : ["tfjs", "tfjs-mlp"];

/** The pid of this process's training child (lib/ml/training-child.ts) once it is running, from /proc. */
async function trainingChild(): Promise<number> {
  for (;;) {
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      try {
        // "pid (comm) state ppid ...": the parent pid is the 2nd field after the command's closing parenthesis.
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("training-child")) return Number(pid);
      } catch {
        // Gone meanwhile.
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeEachDatabase("baseline runs as background jobs", (get) => {
  it("queues a run, trains it with progress and posts its benchmark entry", async () => {
    const { db } = get();
    const challenge = await createChallengeWithDataset(
      db,
      { ...spec, slug: `bj-${Date.now()}` },
      generateHiggsDataset({ seed: 4, trainEvents: 500, testEvents: 400 }),
    );
    const { user } = await makeUserWithTeam(db, challenge.id);
    const sent: [string, unknown][] = [];
    const run = await createBaselineRun(db, { send: async (q: string, data: object) => (sent.push([q, data]), "job") } as never, {
      challengeId: challenge.id,
      requestedBy: user.id,
      family: FAMILY,
      seed: 3,
      epochs: 5,
    });
    expect(sent).toEqual([[BASELINE_QUEUE, { runId: run.id }]]);
    expect(run.status).toBe("queued");
    await executeBaselineRun(db, run.id, { bootstrap: 0 });
    const [done] = await listBaselineRuns(db, challenge.id);
    expect(done).toMatchObject({ status: "done", progress: { family: TRAINED, epoch: 5, epochs: 5 } });
    expect(done!.results).toHaveLength(1);
    const [entry] = await benchmarkRows(db, { challengeId: challenge.id, higherIsBetter: true });
    expect(done!.results![0]).toEqual({ name: entry!.name, publicScore: entry!.score });
    // A second delivery of the same job finds the run taken and does nothing.
    await executeBaselineRun(db, run.id, { bootstrap: 0 });
    expect(await benchmarkRows(db, { challengeId: challenge.id, higherIsBetter: true })).toHaveLength(1);
  });

  it("trains an anomaly challenge's CWoLa baseline the same way", async () => {
    const { db } = get();
    const created = await seedBuiltInChallenges(db, 0.01);
    const anomaly = created.find((c) => c.spec.slug === "anomaly-detection")!;
    const { user } = await makeUserWithTeam(db, anomaly.id);
    const run = await createBaselineRun(db, { send: async () => "job" } as never, {
      challengeId: anomaly.id,
      requestedBy: user.id,
      family: "cwola",
      seed: 2,
      epochs: 1,
    });
    await executeBaselineRun(db, run.id, { bootstrap: 0 });
    const [done] = await listBaselineRuns(db, anomaly.id);
    expect(done, done?.message ?? "").toMatchObject({ status: "done", progress: { family: "cwola", epoch: 1, epochs: 1 } });
    const [entry] = await benchmarkRows(db, { challengeId: anomaly.id, higherIsBetter: true });
    expect(done!.results).toEqual([{ name: entry!.name, publicScore: entry!.score }]);
  });

  it.skipIf(process.platform !== "linux")("fails the run with the reason when its training process dies, and goes on serving", async () => {
    const { db } = get();
    const challenge = await createChallengeWithDataset(
      db,
      { ...spec, slug: `bk-${Date.now()}` },
      generateHiggsDataset({ seed: 4, trainEvents: 500, testEvents: 400 }),
    );
    const run = await createBaselineRun(db, { send: async () => "job" } as never, {
      challengeId: challenge.id,
      requestedBy: null,
      family: "tfjs",
      seed: 3,
      epochs: 5,
    });
    const executing = executeBaselineRun(db, run.id, { bootstrap: 0 });
    // As the kernel's out-of-memory killer would, or a crash in native code.
    process.kill(await trainingChild(), "SIGKILL");
    await executing;
    const [row] = await db.select().from(baselineRuns).where(eq(baselineRuns.id, run.id));
    expect(row).toMatchObject({ status: "failed", results: null });
    expect(row!.message).toBe("The trainer failed: the training process was killed (SIGKILL, e.g. out of memory) before it finished");
    expect(await benchmarkRows(db, { challengeId: challenge.id, higherIsBetter: true })).toHaveLength(0);
  });

  it("fails a run on a challenge without training data, with the reason, posting nothing", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    const { user } = await makeUserWithTeam(db, c.id);
    const run = await createBaselineRun(db, { send: async () => "job" } as never, {
      challengeId: c.id,
      requestedBy: user.id,
      family: "tfjs",
      seed: 1,
      epochs: 1,
    });
    await executeBaselineRun(db, run.id, { bootstrap: 0 });
    const [row] = await db.select().from(baselineRuns).where(eq(baselineRuns.id, run.id));
    expect(row!.status).toBe("failed");
    expect(row!.message).toMatch(/training/i);
    expect(await benchmarkRows(db, { challengeId: c.id, higherIsBetter: true })).toHaveLength(0);
  });

  it("marks runs a dead worker left running as failed at the next start", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    const [row] = await db.insert(baselineRuns).values({ challengeId: c.id, family: "tfjs", seed: 1, status: "running" }).returning();
    await failInterruptedBaselineRuns(db);
    const [after] = await db.select().from(baselineRuns).where(eq(baselineRuns.id, row!.id));
    expect(after).toMatchObject({ status: "failed", message: "The worker stopped during training; start the run again." });
  });
});
