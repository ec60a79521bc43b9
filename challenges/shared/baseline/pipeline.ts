/**
 * The shared training pipeline once features are prepared: train a family, choose the cut on the validation set,
 * and describe the result in a model card. Challenge-specific code (preprocessing, splits of its event type) calls
 * this with a ready TrainingData.
 *
 * Example: const fitted = await fitBaseline(tfjsMlpFamily(), data, { seed: 1 }, onProgress, { preprocessing });
 *          fitted.cut.threshold is then applied to test scores by kaggleSubmission().
 */
import type { ModelFamily, ProgressListener, TrainedModel, TrainingData, TrainOptions } from "./types";
import { bestCut, type Cut, weightedLogLoss } from "./validation-metrics";

export interface ModelCard {
  family: string;
  architecture: Record<string, unknown>;
  hyperparameters: Record<string, unknown>;
  seed: number;
  bestEpochs: number[];
  trainingSeconds: number;
  trainEvents: number;
  validationEvents: number;
  features: string[];
  /** The fitted preprocessing (JSON), so test events can be treated identically. */
  preprocessing: unknown;
  validation: { ams: number; threshold: number; selectedFraction: number; logLoss: number };
}

export interface FittedBaseline {
  model: TrainedModel;
  cut: Cut;
  card: ModelCard;
}

/** Throws when a model returned a non-finite probability (a diverged network), naming the first row. */
export function assertFinite(scores: Float32Array, what: string): void {
  const bad = scores.findIndex((p) => !Number.isFinite(p));
  if (bad >= 0) throw new Error(`${what}: the model predicted ${scores[bad]} for row ${bad + 1}`);
}

export async function fitBaseline(
  family: ModelFamily,
  data: TrainingData,
  opts: TrainOptions,
  onProgress: ProgressListener,
  extra: { preprocessing: unknown },
): Promise<FittedBaseline> {
  const started = performance.now();
  const model = await family.train(data, opts, onProgress);
  const trainingSeconds = (performance.now() - started) / 1000;
  const { validation } = data;
  const scores = model.predict(validation.X, validation.rows);
  assertFinite(scores, "validation predictions");
  const cut = bestCut(scores, validation.label, validation.amsWeight);
  const card: ModelCard = {
    family: family.id,
    architecture: model.architecture,
    hyperparameters: model.hyperparameters,
    seed: opts.seed,
    bestEpochs: model.bestEpochs,
    trainingSeconds,
    trainEvents: data.train.rows,
    validationEvents: validation.rows,
    features: data.featureNames,
    preprocessing: extra.preprocessing,
    validation: {
      ams: cut.ams,
      threshold: cut.threshold,
      selectedFraction: cut.selectedFraction,
      logLoss: weightedLogLoss(scores, validation.label, validation.weight),
    },
  };
  return { model, cut, card };
}
