/** At first start the Higgs, anomaly and tabular boards get trained benchmark entries, through background trainer runs. */
import { expect, it } from "vitest";
import { seedBuiltInChallenges } from "@/lib/challenges/seed-built-ins";
import { benchmarkRows } from "@/db/queries/leaderboard";
import { queueBuiltInTraining } from "@/lib/built-in-baselines";
import { BASELINE_QUEUE } from "@/lib/jobs/boss";
import { listBaselineRuns } from "@/db/queries/baseline-runs";
import { executeBaselineRun } from "@/lib/jobs/baseline-job";
import { describeEachDatabase } from "./databases";

describeEachDatabase("benchmark trainers queued at first start", (get) => {
  it("queues one run per trained built-in, passing over a family this worker cannot run, and the runs post benchmark rows", async () => {
    const { db } = get();
    const created = await seedBuiltInChallenges(db, 0.01);
    const sent: unknown[] = [];
    const boss = { send: async (queue: string, data: object) => (sent.push([queue, data]), "job") };
    await queueBuiltInTraining(db, boss as never, created, async (family) =>
      family === "xgboost" ? "the XGBoost library cannot be loaded" : null,
    );
    const bySlug = new Map(created.map((c) => [c.spec.slug, c.id]));
    const trained = ["higgs-boson", "anomaly-detection", "ditau-mass", "higgs-processes"];
    const runs = new Map(await Promise.all(trained.map(async (slug) => [slug, await listBaselineRuns(db, bySlug.get(slug)!)] as const)));
    expect(runs.get("higgs-boson")!.map((r) => [r.family, r.status, r.requestedBy])).toEqual([["tfjs", "queued", null]]);
    expect(runs.get("anomaly-detection")!.map((r) => [r.family, r.status])).toEqual([["cwola", "queued"]]);
    for (const slug of ["ditau-mass", "higgs-processes"])
      expect(runs.get(slug)!.map((r) => [r.family, r.status])).toEqual([["tfjs", "queued"]]);
    expect(await listBaselineRuns(db, bySlug.get("straw-tracker")!)).toEqual([]);
    expect(sent).toEqual(expect.arrayContaining(trained.map((slug) => [BASELINE_QUEUE, { runId: runs.get(slug)![0]!.id }])));
    expect(sent).toHaveLength(trained.length);

    // What the worker then does with them.
    for (const slug of trained) await executeBaselineRun(db, runs.get(slug)![0]!.id, { bootstrap: 0 });
    for (const slug of trained) {
      const [run] = await listBaselineRuns(db, bySlug.get(slug)!);
      expect(run, run?.message ?? "").toMatchObject({ status: "done" });
      expect((await benchmarkRows(db, { challengeId: bySlug.get(slug)!, higherIsBetter: true })).length).toBeGreaterThan(0);
    }
    expect((await benchmarkRows(db, { challengeId: bySlug.get("higgs-boson")!, higherIsBetter: true })).map((b) => b.name)).toEqual([
      expect.stringMatching(/^Baseline: MLP /),
    ]);
    // The tabular built-ins' entries are scored by their own metrics: a relative mass resolution, a six-class log-loss.
    const [mass] = await benchmarkRows(db, { challengeId: bySlug.get("ditau-mass")!, higherIsBetter: false });
    const [processes] = await benchmarkRows(db, { challengeId: bySlug.get("higgs-processes")!, higherIsBetter: false });
    expect([mass?.name, processes?.name]).toEqual([
      expect.stringMatching(/^Baseline: MLP 64-64 ReLU \(tfjs/),
      expect.stringMatching(/^Baseline: MLP 64-64 ReLU \(tfjs/),
    ]);
    expect(mass!.score).toBeGreaterThan(0);
    expect(mass!.score).toBeLessThan(0.5);
    // Below ln 6 = 1.79, a uniform guess's log-loss, even from 160 training events.
    expect(processes!.score).toBeGreaterThan(0);
    expect(processes!.score).toBeLessThan(Math.log(6));
  }, 300_000);

  it("queues nothing for a challenge that already existed", async () => {
    const { db } = get();
    const again = await seedBuiltInChallenges(db, 0.01);
    expect(again).toEqual([]);
    const sent: unknown[] = [];
    await queueBuiltInTraining(db, { send: async (...a: unknown[]) => (sent.push(a), "job") } as never, again, async () => null);
    expect(sent).toEqual([]);
  });
});
