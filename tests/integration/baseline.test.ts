/** The baseline trainer against a database: benchmark entries scored by the normal path, and nothing written on bad input. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { GeneratedDataset } from "@/challenges/built-in";
import { generateHiggsDataset, higgsBuiltIn } from "@/challenges/higgs-tautau/built-in";
import { higgsDatasetFiles } from "@/challenges/higgs-tautau/importer/higgs-import";
import { simulateHiggs } from "@/challenges/higgs-tautau/simulator/simulate";
import { trainTestSplit } from "@/challenges/higgs-tautau/split";
import type { Db } from "@/db";
import { createChallengeWithDataset } from "@/lib/challenges/create-challenge";
import { benchmarkRows } from "@/db/queries/leaderboard";
import { benchmarkEntries, challenges, submissions } from "@/db/schema";
import { solutionForChallenge } from "@/lib/jobs/solutions";
import { BaselineInputError } from "@/lib/ml/baseline-input-error";
import { runBaseline, type BaselineRunOptions } from "@/lib/ml/baseline-run";
import { loadXgboost } from "@/lib/ml/xgboost";
import { scoreSubmission } from "@/scoring";
import { describeEachDatabase } from "./databases";
import { makeChallenge } from "./fixtures";

const { generate: _generate, ...spec } = higgsBuiltIn;
// Without libxgboost0 an XGBoost run is refused (baseline-family-unavailable.test.ts): here the tfjs family alone.
const xgboost = loadXgboost();
if (!xgboost.xgb) console.warn(`Baseline trainer tested with the tfjs family only, the XGBoost and blend tests skipped: ${xgboost.reason}`);
const FAMILIES = xgboost.xgb ? ["xgboost", "tfjs-mlp"] : ["tfjs-mlp"];
const [ALL, ONE] = xgboost.xgb ? (["both", "xgboost"] as const) : (["tfjs", "tfjs"] as const);
const small = () => generateHiggsDataset({ seed: 21, trainEvents: 500, testEvents: 400 });

/** The small dataset with its training events changed by `edit`. */
function withTraining(edit: (train: ReturnType<typeof simulateHiggs>) => void): GeneratedDataset {
  const data = small();
  const { train, test } = trainTestSplit(simulateHiggs({ seed: 21, nEvents: 900 }), { seed: 21, testFraction: 400 / 900 });
  edit(train);
  return { ...data, files: higgsDatasetFiles(train, test) };
}

const run = (db: Db, challenge: string, over: Partial<BaselineRunOptions> = {}) =>
  runBaseline(db, { challenge, family: ALL, seed: 1, epochs: 2, ensemble: 1, register: true, bootstrap: 0, ...over });

describeEachDatabase("baseline trainer", (get) => {
  it("registers each family as a benchmark entry with a real public score", async () => {
    const { db } = get();
    const challenge = await createChallengeWithDataset(db, { ...spec, slug: "baseline-higgs" }, small());
    const results = await run(db, "baseline-higgs");
    expect(results.map((r) => r.familyId)).toEqual(FAMILIES);
    const solution = await solutionForChallenge(db, challenge.id);
    for (const r of results) {
      expect(r.registered?.status).toBe("scored");
      // The built-in Higgs phase takes models: the entry is the baseline exported to ONNX, run by the worker on the
      // hidden test features, and it scores as the trainer's own predictions do (XGBoost's bit for bit).
      const [stored] = await db.select().from(submissions).where(eq(submissions.id, r.registered!.submissionId));
      expect(stored).toMatchObject({ format: "model", filename: `baseline-${r.familyId}.onnx`, sizeBytes: r.onnx.byteLength });
      expect(stored!.modelStats).toMatchObject({ events: 400 });
      expect(stored!.modelStats!.msPer1000).toBeGreaterThan(0);
      const direct = await scoreSubmission({
        solution,
        submission: new TextEncoder().encode(r.csv),
        metricId: "ams",
        bootstrap: 0,
        seed: 1,
      });
      if (r.familyId === "xgboost") expect(r.registered?.publicScore).toBe(direct.Public.primary);
      else expect(r.registered?.publicScore).toBeCloseTo(direct.Public.primary, 12);
      expect(r.card).toMatchObject({ challenge: "baseline-higgs", seed: 1, testEvents: 400, trainEvents: 400, validationEvents: 100 });
    }
    const board = await benchmarkRows(db, { challengeId: challenge.id, higherIsBetter: true });
    expect(board.map((b) => b.name).sort()).toEqual(results.map((r) => r.name).sort());
    expect(board.every((b) => b.modelCard.family !== undefined && Number.isFinite(b.score))).toBe(true);
    const [teamless] = await db
      .select({ n: sql<number>`count(*)` })
      .from(submissions)
      .where(sql`${submissions.challengeId} = ${challenge.id} and ${submissions.teamId} is null`);
    expect(Number(teamless!.n)).toBe(FAMILIES.length);
  });

  it.skipIf(!xgboost.xgb)("posts a blend of both families as one entry, cut on the same validation events", async () => {
    const { db } = get();
    const [result] = await run(db, "baseline-higgs", { family: "blend", seed: 2 });
    expect(result!.familyId).toBe("blend");
    expect(result!.name).toBe("Baseline: blend of XGBoost and an MLP ensemble (seed 2)");
    expect(result!.registered?.status).toBe("scored");
    const members = (result!.card.architecture as { members: { family: string }[] }).members.map((m) => m.family);
    expect(members).toEqual(["xgboost", "tfjs-mlp"]);
    expect(result!.card.validation.ams).toBeGreaterThan(0);
  });

  it("accepts the kind as the name only while one Higgs challenge exists", async () => {
    const { db } = get();
    // The first test left one Higgs challenge; a second makes the kind ambiguous.
    await expect(run(db, "higgs-tautau", { family: ONE, register: false })).resolves.toHaveLength(1);
    await makeChallenge(db, { slug: "baseline-empty" });
    await expect(run(db, "higgs-tautau")).rejects.toThrow(
      /"higgs-tautau" is ambiguous: 2 Higgs challenges \(baseline-higgs, baseline-empty\)/,
    );
  });

  it("refuses bad input with a clear message and writes nothing", async () => {
    const { db } = get();
    await createChallengeWithDataset(
      db,
      { ...spec, slug: "baseline-one-class" },
      withTraining((t) => t.label.fill(0)),
    );
    await createChallengeWithDataset(
      db,
      { ...spec, slug: "baseline-nan" },
      withTraining((t) => t.features[0]!.fill(NaN, 3, 5)),
    );
    const cases: [string, RegExp][] = [
      ["no-such-challenge", /^there is no challenge "no-such-challenge"$/],
      ["baseline-empty", /^challenge "baseline-empty" has no training\.csv/],
      ["baseline-one-class", /the training events are all background; a classifier needs both classes/],
      ["baseline-nan", /The file training\.csv has 2 problems:\n {2}line 5: DER_mass_MMC "NaN" is not a finite number/],
    ];
    for (const [slug, message] of cases) {
      const err = await run(db, slug).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BaselineInputError);
      expect((err as Error).message).toMatch(message);
    }
    const ids = (
      await db
        .select({ id: challenges.id })
        .from(challenges)
        .where(inArray(challenges.slug, ["baseline-empty", "baseline-one-class", "baseline-nan"]))
    ).map((c) => c.id);
    expect(ids).toHaveLength(3);
    expect(await db.select().from(submissions).where(inArray(submissions.challengeId, ids))).toEqual([]);
    const entries = await db
      .select({ id: benchmarkEntries.id })
      .from(benchmarkEntries)
      .innerJoin(submissions, eq(submissions.id, benchmarkEntries.submissionId));
    expect(entries).toHaveLength(FAMILIES.length + (xgboost.xgb ? 1 : 0)); // each family and the blend posted above
  });

  it("posts the predictions file where no phase takes models", async () => {
    const { db } = get();
    const phases = (now: Date) => [
      { name: "Main", startsAt: now, endsAt: new Date(now.getTime() + 86_400_000), submissionMode: "predictions" as const },
    ];
    await createChallengeWithDataset(db, { ...spec, slug: "baseline-csv-only", phases }, small());
    const [result] = await run(db, "baseline-csv-only", { family: ONE });
    const [stored] = await db.select().from(submissions).where(eq(submissions.id, result!.registered!.submissionId));
    expect(stored).toMatchObject({
      format: "predictions",
      filename: `baseline-${result!.familyId}.csv`,
      status: "scored",
      modelStats: null,
    });
    // The model is exported all the same (the CLI writes it beside the CSV).
    expect(result!.onnx.byteLength).toBeGreaterThan(0);
  });
});

describe("scripts/baseline.ts", () => {
  const ROOT = fileURLToPath(new URL("../../", import.meta.url));
  const dir = mkdtempSync(path.join(os.tmpdir(), "baseline-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "scripts/baseline.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: dir },
      encoding: "utf8",
    });

  it("exits with status 2 for an unknown challenge, 1 with the usage for wrong arguments", () => {
    const unknown = cli("--challenge", "nope", "--no-register");
    expect(unknown.stderr.trim()).toBe('there is no challenge "nope"');
    expect(unknown.status).toBe(2);
    // The families a challenge's kind offers are checked against the challenge (baseline-command.test.ts).
    const wrong = cli("--challenge", "nope", "--epochs", "0");
    expect(wrong.stderr).toContain('--epochs must be a whole number ≥ 1, got "0"');
    expect(wrong.stderr).toContain("usage: npm run baseline");
    expect(wrong.status).toBe(1);
    // Two CLI runs, each migrating a fresh embedded database: 60 s ran out on the 2 shared cores at load ~20.
  }, 180_000);
});
