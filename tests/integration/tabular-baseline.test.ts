/**
 * The tabular baselines against a database: a built-in's baseline is a scored benchmark entry, an organiser's own
 * tabular challenge gets one from the manage page's background run (trained in the training process), and bad input
 * fails the run with the reason and writes nothing.
 */
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { tabularKind } from "@/challenges/tabular/kind";
import { massBuiltIn } from "@/challenges/tabular/higgs-mass";
import { createChallengeWithDataset } from "@/lib/challenges/create-challenge";
import { benchmarkRows } from "@/db/queries/leaderboard";
import { submissions } from "@/db/schema";
import { listBaselineRuns } from "@/db/queries/baseline-runs";
import { createBaselineRun, executeBaselineRun } from "@/lib/jobs/baseline-job";
import { BaselineInputError } from "@/lib/ml/baseline-input-error";
import { runTabularBaseline } from "@/lib/ml/tabular-baseline-run";
import { loadXgboost } from "@/lib/ml/xgboost";
import { describeEachDatabase } from "./databases";

const loaded = loadXgboost();
if (!loaded.xgb) console.warn(`Tabular baselines tested with the tfjs family instead of XGBoost: ${loaded.reason}`);
const FAMILY = loaded.xgb ? "xgboost" : "tfjs";
const { generate: _generate, ...massSpec } = massBuiltIn;
let n = 0;

/** An organiser's binary challenge from three CSV files, through the kind's upload (as the import form does). */
async function organiserChallenge(db: Parameters<typeof createChallengeWithDataset>[0], train: string) {
  const ids = Array.from({ length: 300 }, (_, i) => i + 1);
  const x = (i: number) => Math.sin(i * 12.9898) * 2;
  const test = `EventId,x,z\n${ids.map((i) => `${i},${x(i)},${i % 7}`).join("\n")}\n`;
  const solution = `EventId,Label,Usage\n${ids.map((i) => `${i},${x(i) > 0 ? "s" : "b"},${i % 2 ? "Public" : "Private"}`).join("\n")}\n`;
  const bytes = (s: string) => new TextEncoder().encode(s);
  const prepared = await tabularKind.uploads![0]!.prepare({
    files: { train: bytes(train), test: bytes(test), solution: bytes(solution) },
    fields: { target: "binary", metric: "auc" },
    seed: 11,
  });
  const phases = (now: Date) => [{ name: "Main", startsAt: now, endsAt: new Date(now.getTime() + 86_400_000) }];
  const spec = {
    slug: `own-tabular-${Date.now()}-${n++}`,
    kind: tabularKind.id,
    title: "Own",
    summary: "",
    description: "",
    metricId: prepared.metricId,
    config: prepared.config,
    phases,
  };
  return createChallengeWithDataset(db, spec, prepared.data);
}

/** Training rows "x,z,<label>[,extra]": the label is the sign of x, z is noise. */
const trainRows = (rows: number, extra = "") =>
  Array.from({ length: rows }, (_, i) => {
    const v = Math.sin((i + 1000) * 78.233) * 2;
    return `${v},${i % 7},${v > 0 ? "s" : "b"}${extra}`;
  }).join("\n");

describeEachDatabase("tabular baselines", (get) => {
  it("posts the di-τ mass baseline as a scored benchmark entry, ranked lower-is-better", async () => {
    const { db } = get();
    const challenge = await createChallengeWithDataset(
      db,
      { ...massSpec, slug: `ditau-${Date.now()}-${n++}` },
      massBuiltIn.generate(0.05, 7),
    );
    const results = await runTabularBaseline(db, {
      challenge: challenge.slug,
      family: FAMILY,
      seed: 1,
      epochs: 20,
      register: true,
      bootstrap: 0,
    });
    expect(results).toHaveLength(1);
    const [r] = results;
    expect(r!.registered).toMatchObject({ status: "scored", error: null });
    // A relative resolution: positive, and far below 1 for any model that learned the mass scale.
    expect(r!.registered!.publicScore).toBeGreaterThan(0);
    expect(r!.registered!.publicScore).toBeLessThan(0.3);
    expect(r!.card).toMatchObject({
      family: FAMILY,
      task: "regression (relative error)",
      targetColumn: "m_tautau",
      metric: "mass-resolution",
      testEvents: 1000,
    });
    const board = await benchmarkRows(db, { challengeId: challenge.id, higherIsBetter: false });
    expect(board.map((b) => [b.name, b.score])).toEqual([[r!.name, r!.registered!.publicScore]]);
  }, 120_000);

  it("trains an organiser's own challenge from the manage page's run, in the training process", async () => {
    const { db } = get();
    const { id } = await organiserChallenge(db, `x,z,Label\n${trainRows(400)}\n`);
    const run = await createBaselineRun(
      db,
      { send: async () => "job" },
      { challengeId: id, requestedBy: null, family: "tfjs", seed: 3, epochs: 15 },
    );
    await executeBaselineRun(db, run.id, { bootstrap: 0 });
    const [done] = await listBaselineRuns(db, id);
    expect(done, done?.message ?? "").toMatchObject({ status: "done" });
    expect(done!.progress).toMatchObject({ family: "tfjs", epochs: 15 });
    const board = await benchmarkRows(db, { challengeId: id, higherIsBetter: true });
    expect(board.map((b) => b.name)).toEqual([expect.stringMatching(/^Baseline: MLP 64-64 ReLU \(tfjs, seed 3\)$/)]);
    // The label is the sign of x: an AUC near 1, far from a coin's 0.5.
    expect(board[0]!.score).toBeGreaterThan(0.9);
    expect(done!.results).toEqual([{ name: board[0]!.name, publicScore: board[0]!.score }]);
  }, 120_000);

  it("fails the run with the file's problem and writes nothing; refuses a challenge of another kind", async () => {
    const { db } = get();
    const { id } = await organiserChallenge(db, `x,z,Outcome,Note\n${trainRows(100, ",a")}\n`);
    const run = await createBaselineRun(
      db,
      { send: async () => "job" },
      { challengeId: id, requestedBy: null, family: "tfjs", seed: 1, epochs: 2 },
    );
    await executeBaselineRun(db, run.id, { bootstrap: 0 });
    const [failed] = await listBaselineRuns(db, id);
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed!.message).toMatch(/train\.csv has 2 columns that test\.csv lacks \(Outcome, Note\)/);
    expect(await db.select().from(submissions).where(eq(submissions.challengeId, id))).toEqual([]);

    const higgs = await createChallengeWithDataset(
      db,
      { ...massSpec, kind: "higgs-tautau", slug: `not-tabular-${Date.now()}-${n++}`, metricId: "ams" },
      massBuiltIn.generate(0.01, 7),
    );
    const err = await runTabularBaseline(db, { challenge: higgs.slug, family: "tfjs", seed: 1, register: true, bootstrap: 0 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BaselineInputError);
    expect((err as Error).message).toBe(
      `challenge "${higgs.slug}" is a higgs-tautau challenge; the tabular baselines handle tabular challenges only`,
    );
  }, 120_000);
});
