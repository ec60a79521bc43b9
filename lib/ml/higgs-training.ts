/**
 * The Higgs baseline's training with no database: the challenge's stored training and test files in, each
 * family's Kaggle submission and model card out (never another family in place of one that cannot run: the run
 * fails, saying why). Every input problem is found before anything is trained. Runs in the training process for
 * the worker (lib/ml/training-process.ts), in the command's own process for `npm run baseline`.
 */
import { blendSubmission, trainHiggsBlend } from "@/challenges/higgs-tautau/baseline/blend";
import { higgsSubmission, higgsTrainingProblems, trainHiggsBaseline } from "@/challenges/higgs-tautau/baseline/train";
import { ImportFormatError } from "@/challenges/higgs-tautau/importer/import-error";
import { type FileLayout, KAGGLE_TEST_LAYOUT, KAGGLE_TRAINING_LAYOUT, readEventFile } from "@/challenges/higgs-tautau/importer/read-events";
import type { HiggsEvents } from "@/challenges/higgs-tautau/schema";
import type { ModelCard } from "@/challenges/shared/baseline/pipeline";
import { tfjsMlpFamily } from "@/challenges/shared/baseline/tfjs-mlp";
import type { ModelFamily } from "@/challenges/shared/baseline/types";
import { BaselineInputError } from "./baseline-input-error";
import { exportHiggsBaseline } from "./onnx/export-baseline";
import { initTfBackend } from "./tf-backend";
import type { TrainingEvents } from "./trainer";
import { loadXgboost, needsXgboost, type XgboostLoad } from "./xgboost";
import { xgboostFamily } from "./xgboost-family";

/** "both" trains and posts each family; "blend" trains both and posts the mean of their probabilities. */
export const FAMILY_CHOICES = ["tfjs", "xgboost", "both", "blend"] as const;
export type FamilyChoice = (typeof FAMILY_CHOICES)[number];

export interface HiggsTrainingInput {
  /** The challenge's slug, recorded in the model card. */
  challenge: string;
  /** training.csv and test.csv as stored (gzip). */
  training: Uint8Array;
  test: Uint8Array;
  family: FamilyChoice;
  seed: number;
  epochs?: number;
  ensemble?: number;
}

export type HiggsCard = ModelCard & { challenge: string; backend: string; testEvents: number; createdAt: string };

export interface TrainedHiggsEntry {
  familyId: string;
  /** The benchmark entry's name on the leaderboard. */
  name: string;
  csv: string;
  /** The same model as ONNX (test.csv's 30 features in, the signal probability out, the cut in its metadata). */
  onnx: Uint8Array;
  card: HiggsCard;
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

async function readEvents(bytes: Uint8Array, layout: FileLayout, filename: string): Promise<HiggsEvents> {
  try {
    return (await readEventFile(bytes, layout, filename)).events;
  } catch (err) {
    if (err instanceof ImportFormatError) throw new BaselineInputError(err.message);
    throw err;
  }
}

/** Trains the input's families, handing each finished entry to `events.entry` before the next family starts. */
export async function trainHiggsEntries(input: HiggsTrainingInput, events: TrainingEvents<"higgs">): Promise<void> {
  const train = await readEvents(input.training, KAGGLE_TRAINING_LAYOUT, "training.csv");
  const test = await readEvents(input.test, KAGGLE_TEST_LAYOUT, "test.csv");
  const problems = higgsTrainingProblems(train);
  if (problems.length > 0)
    throw new BaselineInputError(`The training data of "${input.challenge}" cannot be used:\n  ${problems.join("\n  ")}`);
  const families = resolveFamilies(input.family);
  events.log(`Training ${families.map((f) => f.id).join(" and ")}${input.family === "blend" ? " as a blend" : ""}.`);
  const options = { seed: input.seed, epochs: input.epochs, ensemble: input.ensemble };
  const entry = (familyId: string, fitted: ModelCard, files: { csv: string; onnx: Uint8Array }, backend: string): TrainedHiggsEntry => {
    const card = { ...fitted, challenge: input.challenge, backend, testEvents: test.eventId.length, createdAt: new Date().toISOString() };
    return { familyId, name: entryName(card), ...files, card };
  };
  if (input.family === "blend") {
    await initTfBackend();
    const blend = await trainHiggsBlend(families, train, options, (e) => events.progress("blend", e));
    try {
      const onnx = exportHiggsBaseline(blend.members, blend.cut.threshold, "Blend of the XGBoost and MLP baselines");
      events.entry(entry("blend", blend.card, { csv: blendSubmission(blend, test), onnx }, "tfjs + native"));
    } finally {
      for (const m of blend.members) m.model.dispose();
    }
    return;
  }
  for (const family of families) {
    const backend = family.features === "standardised" ? `tfjs ${await initTfBackend()}` : "native";
    const fitted = await trainHiggsBaseline(family, train, options, (e) => events.progress(family.id, e));
    try {
      const onnx = exportHiggsBaseline([fitted], fitted.cut.threshold, `The ${family.id} baseline`);
      events.entry(entry(family.id, fitted.card, { csv: higgsSubmission(fitted, test), onnx }, backend));
    } finally {
      fitted.model.dispose();
    }
  }
}
