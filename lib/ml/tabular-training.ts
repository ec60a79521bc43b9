/**
 * The tabular baselines' training with no database: a tabular challenge's stored train.csv and test.csv (gzip), the
 * answer key's target type and the metric in; each family's submission in the tabular format and its model card
 * out. Every input problem is found before anything is trained. Runs in the training process for the worker
 * (lib/ml/training-process.ts), in the caller's own process for benches and tests.
 */
import type { TabularFamily } from "@/challenges/tabular/baseline/family";
import { tabularMlpFamily } from "@/challenges/tabular/baseline/mlp";
import { trainTabular } from "@/challenges/tabular/baseline/pipeline";
import { readTabularData, TabularDataError } from "@/challenges/tabular/baseline/table";
import { type TabularProgress, tabularTask } from "@/challenges/tabular/baseline/task";
import type { SolutionTarget } from "@/scoring/solution";
import { BaselineInputError } from "./baseline-input-error";
import { tabularXgboostFamily } from "./tabular-xgboost";
import { initTfBackend } from "./tf-backend";
import type { TrainingEvents } from "./trainer";
import { loadXgboost, type XgboostLoad } from "./xgboost";

export const TABULAR_FAMILY_CHOICES = ["xgboost", "tfjs", "both"] as const;
export type TabularFamilyChoice = (typeof TABULAR_FAMILY_CHOICES)[number];

export interface TabularTrainingInput {
  /** The challenge's slug, recorded in the model card. */
  challenge: string;
  /** train.csv and test.csv as stored (gzip). */
  train: Uint8Array;
  test: Uint8Array;
  /** The answer key's target (the dataset manifest's). */
  target: SolutionTarget;
  metricId: string;
  family: TabularFamilyChoice;
  seed: number;
  epochs?: number;
}

export interface TrainedTabularEntry {
  familyId: string;
  name: string;
  csv: string;
  card: Record<string, unknown>;
  /** Per test row (in test.csv's order): the class probabilities, or the value. */
  testPredictions: Float64Array;
}

/** The families of a choice, XGBoost first; one that cannot run stops the run before anything is trained. */
export function tabularFamilies(choice: TabularFamilyChoice, load: () => XgboostLoad = loadXgboost): TabularFamily[] {
  const families: TabularFamily[] = [];
  if (choice !== "tfjs") {
    const loaded = load();
    if (!loaded.xgb)
      throw new BaselineInputError(
        `XGBoost cannot run on this worker: ${loaded.reason}. Nothing was trained; choose the tfjs family, or install libxgboost0 where the worker runs.`,
      );
    families.push(tabularXgboostFamily(loaded.xgb));
  }
  if (choice !== "xgboost") families.push(tabularMlpFamily());
  return families;
}

function entryName(card: Record<string, unknown>): string {
  const a = card.architecture as Record<string, unknown>;
  if (card.family === "xgboost")
    return `Baseline: XGBoost, ${String(a.rounds)} rounds of depth ${String(a.maxDepth)} (seed ${String(card.seed)})`;
  return `Baseline: MLP ${(a.layers as number[]).slice(1, -1).join("-")} ReLU (tfjs, seed ${String(card.seed)})`;
}

/** Trains the input's families, handing each finished entry to `events.entry` before the next family starts. */
export async function trainTabularEntries(input: TabularTrainingInput, events: TrainingEvents<"generic">): Promise<void> {
  const task = tabularTask(input.target, input.metricId);
  const families = tabularFamilies(input.family);
  let data;
  try {
    data = await readTabularData({ train: input.train, test: input.test }, task);
  } catch (err) {
    if (err instanceof TabularDataError) throw new BaselineInputError(`challenge "${input.challenge}": ${err.message}`);
    throw err;
  }
  events.log(
    `Training ${families.map((f) => f.id).join(" and ")} on ${data.train.rows} events (${data.featureNames.length} features, target ${data.targetColumn}).`,
  );
  for (const family of families) {
    const backend = family.id === "tfjs" ? `tfjs ${await initTfBackend()}` : "native";
    let result;
    try {
      result = await trainTabular(family, data, task, { seed: input.seed, epochs: input.epochs }, (e: TabularProgress) =>
        events.progress(family.id, e),
      );
    } catch (err) {
      if (err instanceof TabularDataError) throw new BaselineInputError(`challenge "${input.challenge}": ${err.message}`);
      throw err;
    }
    const card = { ...result.card, backend, challenge: input.challenge, metric: input.metricId, createdAt: new Date().toISOString() };
    events.entry({ familyId: family.id, name: entryName(card), csv: result.csv, card, testPredictions: result.testPredictions });
  }
}
