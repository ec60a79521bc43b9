/** At first start the Higgs and anomaly boards get trained benchmark entries, through background trainer runs. */
import { expect, it } from "vitest";
import { seedBuiltInChallenges } from "@/lib/challenges/seed-built-ins";
import { benchmarkRows } from "@/db/queries/leaderboard";
import { queueBuiltInTraining } from "@/lib/built-in-baselines";
import { BASELINE_QUEUE } from "@/lib/jobs/boss";
import { executeBaselineRun, listBaselineRuns } from "@/lib/jobs/baseline-job";
import { describeEachDatabase } from "./databases";

describeEachDatabase("benchmark trainers queued at first start", (get) => {
  it("queues one run per trained built-in, passing over a family this worker cannot run, and the runs post benchmark rows", async () => {
    const { db } = get();
    const created = await seedBuiltInChallenges(db, 0.01);
    const sent: unknown[] = [];
    const boss = { send: async (queue: string, data: object) => (sent.push([queue, data]), "job") };
    await queueBuiltInTraining(db, boss as never, created, async (family) => (family === "xgboost" ? "the XGBoost library cannot be loaded" : null));
    const bySlug = new Map(created.map((c) => [c.spec.slug, c.id]));
    const higgsRuns = await listBaselineRuns(db, bySlug.get("higgs-boson")!);
    const anomalyRuns = await listBaselineRuns(db, bySlug.get("anomaly-detection")!);
    expect(higgsRuns.map((r) => [r.family, r.status, r.requestedBy])).toEqual([["tfjs", "queued", null]]);
    expect(anomalyRuns.map((r) => [r.family, r.status])).toEqual([["cwola", "queued"]]);
    expect(await listBaselineRuns(db, bySlug.get("straw-tracker")!)).toEqual([]);
    expect(sent).toEqual([
      [BASELINE_QUEUE, { runId: higgsRuns[0]!.id }],
      [BASELINE_QUEUE, { runId: anomalyRuns[0]!.id }],
    ]);

    // What the worker then does with them.
    for (const run of [...higgsRuns, ...anomalyRuns]) await executeBaselineRun(db, run.id, { bootstrap: 0 });
    for (const slug of ["higgs-boson", "anomaly-detection"]) {
      const [run] = await listBaselineRuns(db, bySlug.get(slug)!);
      expect(run, run?.message ?? "").toMatchObject({ status: "done" });
      expect((await benchmarkRows(db, { challengeId: bySlug.get(slug)!, higherIsBetter: true })).length).toBeGreaterThan(0);
    }
    expect((await benchmarkRows(db, { challengeId: bySlug.get("higgs-boson")!, higherIsBetter: true })).map((b) => b.name)).toEqual([expect.stringMatching(/^Baseline: MLP /)]);
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
