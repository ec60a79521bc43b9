/** A baseline family that cannot run is never replaced by another: the run fails, saying why, and posts nothing. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generateHiggsDataset, higgsBuiltIn } from "@/challenges/higgs-tautau/built-in";
import { createChallengeWithDataset } from "@/lib/challenges/create-challenge";
import { benchmarkRows } from "@/db/queries/leaderboard";
import { baselineRuns } from "@/db/schema";
import { createBaselineRun, executeBaselineRun } from "@/lib/jobs/baseline-job";
import { describeEachDatabase } from "./databases";
import { makeUserWithTeam } from "./fixtures";

// The worker's training process "lacks" the XGBoost library, whatever the machine has: it inherits this environment.
const saved = process.env.XGBOOST_LIBRARY;
beforeAll(() => {
  process.env.XGBOOST_LIBRARY = "/nonexistent/xgboost-library.so";
});
afterAll(() => {
  if (saved === undefined) delete process.env.XGBOOST_LIBRARY;
  else process.env.XGBOOST_LIBRARY = saved;
});

const { generate: _generate, ...spec } = higgsBuiltIn;

describeEachDatabase("a baseline family that cannot run", (get) => {
  it.each(["xgboost", "both", "blend"])("fails a %s run with the reason in its log and posts no MLP in its place", async (family) => {
    const { db } = get();
    const challenge = await createChallengeWithDataset(
      db,
      { ...spec, slug: `nx-${family}-${Date.now()}` },
      generateHiggsDataset({ seed: 4, trainEvents: 300, testEvents: 200 }),
    );
    const { user } = await makeUserWithTeam(db, challenge.id);
    const run = await createBaselineRun(db, { send: async () => "job" } as never, {
      challengeId: challenge.id,
      requestedBy: user.id,
      family,
      seed: 1,
      epochs: 1,
    });
    await executeBaselineRun(db, run.id, { bootstrap: 0 });
    const [row] = await db.select().from(baselineRuns).where(eq(baselineRuns.id, run.id));
    expect(row).toMatchObject({ status: "failed", results: null });
    expect(row!.message).toContain(
      "XGBoost cannot run on this worker: the XGBoost library cannot be loaded (/nonexistent/xgboost-library.so: ",
    );
    expect(row!.message).toContain("Nothing was trained");
    expect(await benchmarkRows(db, { challengeId: challenge.id, higherIsBetter: true })).toHaveLength(0);
  });

  it("still trains the tfjs family, and logs which family it trained", async () => {
    const { db } = get();
    const challenge = await createChallengeWithDataset(
      db,
      { ...spec, slug: `nx-tfjs-${Date.now()}` },
      generateHiggsDataset({ seed: 4, trainEvents: 300, testEvents: 200 }),
    );
    const { user } = await makeUserWithTeam(db, challenge.id);
    const run = await createBaselineRun(db, { send: async () => "job" } as never, {
      challengeId: challenge.id,
      requestedBy: user.id,
      family: "tfjs",
      seed: 1,
      epochs: 1,
    });
    await executeBaselineRun(db, run.id, { bootstrap: 0 });
    const [row] = await db.select().from(baselineRuns).where(eq(baselineRuns.id, run.id));
    expect(row, row?.message ?? "").toMatchObject({ status: "done", message: "Training tfjs-mlp." });
    const entries = await benchmarkRows(db, { challengeId: challenge.id, higherIsBetter: true });
    expect(entries.map((e) => e.name)).toEqual([expect.stringMatching(/^Baseline: MLP /)]);
  });
});
