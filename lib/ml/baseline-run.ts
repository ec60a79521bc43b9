/**
 * The baseline trainer behind `npm run baseline`: resolve the challenge, read and check its data, train each
 * requested family (never another in its place: a family that cannot run fails the run, saying why), write the Kaggle submission and
 * register it as a scored benchmark entry. Every input problem is found before anything is trained or written.
 * Each trained model is also exported to ONNX; where a phase of the challenge takes models, that model file is the
 * benchmark entry (scored through the model path, and offered as a worked example), else the CSV is.
 */
import { blendSubmission, trainHiggsBlend } from "@/challenges/higgs-tautau/baseline/blend";
import { higgsSubmission, higgsTrainingProblems, trainHiggsBaseline } from "@/challenges/higgs-tautau/baseline/train";
import type { ModelCard } from "@/challenges/shared/baseline/pipeline";
import { modelContract } from "@/challenges";
import { acceptsModels } from "@/challenges/shared/model-contract";
import { tfjsMlpFamily } from "@/challenges/shared/baseline/tfjs-mlp";
import type { ModelFamily, ProgressEvent } from "@/challenges/shared/baseline/types";
import type { Db } from "@/db";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { BaselineInputError, loadHiggsChallengeData, resolveChallenge } from "./baseline-data";
import { registerBenchmark, type RegisteredBenchmark } from "./benchmark-entry";
import { exportHiggsBaseline } from "./onnx/export-baseline";
import { initTfBackend } from "./tf-backend";
import { loadXgboost, needsXgboost, type XgboostLoad } from "./xgboost";
import { xgboostFamily } from "./xgboost-family";

/** "both" trains and posts each family; "blend" trains both and posts the mean of their probabilities. */
export const FAMILY_CHOICES = ["tfjs", "xgboost", "both", "blend"] as const;
export type FamilyChoice = (typeof FAMILY_CHOICES)[number];

export interface BaselineRunOptions {
  /** A challenge slug, or "higgs-tautau" when exactly one Higgs challenge exists. */
  challenge: string;
  family: FamilyChoice;
  seed: number;
  epochs?: number;
  ensemble?: number;
  /** Store and score the submission as a benchmark entry. */
  register: boolean;
  /** Bootstrap resamples for the score's ± (the worker's SCORING_BOOTSTRAP). */
  bootstrap: number;
  onProgress?: (familyId: string, event: ProgressEvent) => void;
  /** Notices for the run's log. */
  log?: (message: string) => void;
}

export interface BaselineRunResult {
  familyId: string;
  /** The benchmark entry's name on the leaderboard. */
  name: string;
  csv: string;
  /** The same model as ONNX (test.csv's 30 features in, the signal probability out, the cut in its metadata). */
  onnx: Uint8Array;
  card: ModelCard & { challenge: string; backend: string; testEvents: number; createdAt: string };
  registered: RegisteredBenchmark | null;
}

/**
 * The families for a choice. One that cannot run here stops the run before anything is trained: posting an MLP
 * under an XGBoost request would mislabel the benchmark everyone compares against.
 */
export function resolveFamilies(choice: FamilyChoice, load: () => XgboostLoad = loadXgboost): ModelFamily[] {
  const families: ModelFamily[] = [];
  if (needsXgboost(choice)) {
    const loaded = load();
    if (!loaded.xgb) {
      throw new BaselineInputError(
        `XGBoost cannot run on this worker: ${loaded.reason}. Nothing was trained; choose the tfjs family, or install libxgboost0 where the worker runs.`,
      );
    }
    families.push(xgboostFamily(loaded.xgb));
  }
  if (choice !== "xgboost") families.push(tfjsMlpFamily());
  return families;
}

function entryName(card: ModelCard): string {
  const a = card.architecture;
  if (card.family === "blend") return `Baseline: blend of XGBoost and an MLP ensemble (seed ${card.seed})`;
  if (card.family === "xgboost") return `Baseline: XGBoost, ${String(a.trees)} trees of depth ${String(a.maxDepth)} (seed ${card.seed})`;
  const layers = (a.layers as number[]).slice(1, -1);
  return `Baseline: MLP ${layers.join("-")} ReLU, ensemble of ${String(a.members)} (tfjs, seed ${card.seed})`;
}

export async function runBaseline(db: Db, opts: BaselineRunOptions): Promise<BaselineRunResult[]> {
  const log = opts.log ?? (() => {});
  const challenge = await resolveChallenge(db, opts.challenge);
  const { train, test } = await loadHiggsChallengeData(db, challenge);
  const problems = higgsTrainingProblems(train);
  if (problems.length > 0) throw new BaselineInputError(`The training data of "${challenge.slug}" cannot be used:\n  ${problems.join("\n  ")}`);
  const families = resolveFamilies(opts.family);
  const phases = (await getChallengeBySlug(db, challenge.slug))?.phases ?? [];
  const asModel = modelContract(challenge.kind) !== undefined && phases.some((p) => acceptsModels(p.submissionMode));
  log(`Training ${families.map((f) => f.id).join(" and ")}${opts.family === "blend" ? " as a blend" : ""}.`);
  if (opts.family === "blend") {
    await initTfBackend();
    const blend = await trainHiggsBlend(families, train, { seed: opts.seed, epochs: opts.epochs, ensemble: opts.ensemble }, (e) => opts.onProgress?.("blend", e));
    try {
      const onnx = exportHiggsBaseline(blend.members, blend.cut.threshold, "Blend of the XGBoost and MLP baselines");
      return [await publish(db, opts, challenge, "blend", blend.card, { csv: blendSubmission(blend, test), onnx, asModel }, test.eventId.length, "tfjs + native")];
    } finally {
      for (const m of blend.members) m.model.dispose();
    }
  }
  const results: BaselineRunResult[] = [];
  for (const family of families) {
    const backend = family.features === "standardised" ? `tfjs ${await initTfBackend()}` : "native";
    const fitted = await trainHiggsBaseline(family, train, { seed: opts.seed, epochs: opts.epochs, ensemble: opts.ensemble }, (e) =>
      opts.onProgress?.(family.id, e),
    );
    try {
      const onnx = exportHiggsBaseline([fitted], fitted.cut.threshold, `The ${family.id} baseline`);
      results.push(await publish(db, opts, challenge, family.id, fitted.card, { csv: higgsSubmission(fitted, test), onnx, asModel }, test.eventId.length, backend));
    } finally {
      fitted.model.dispose();
    }
  }
  return results;
}

/** The model card completed, and the submission registered as a benchmark entry when asked. */
async function publish(
  db: Db,
  opts: BaselineRunOptions,
  challenge: { id: number; slug: string },
  familyId: string,
  fittedCard: ModelCard,
  files: { csv: string; onnx: Uint8Array; asModel: boolean },
  testEvents: number,
  backend: string,
): Promise<BaselineRunResult> {
  const card = { ...fittedCard, challenge: challenge.slug, backend, testEvents, createdAt: new Date().toISOString() };
  const name = entryName(card);
  const { csv, onnx, asModel } = files;
  const registered = opts.register
    ? await registerBenchmark(db, {
        challengeId: challenge.id,
        name,
        filename: `baseline-${familyId}.${asModel ? "onnx" : "csv"}`,
        csv,
        model: asModel ? onnx : undefined,
        modelCard: card as unknown as Record<string, unknown>,
        bootstrap: opts.bootstrap,
      })
    : null;
  return { familyId, name, csv, onnx, card, registered };
}
