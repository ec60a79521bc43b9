/**
 * The Higgs → ττ baseline end to end on events: a seeded stratified validation split of the training events,
 * preprocessing fitted on the training part only, balanced training weights, AMS weights renormalised to Kaggle's
 * totals, then the shared pipeline (train, choose the cut on validation, model card); and the Kaggle submission of
 * the test events.
 *
 * Example: const b = await trainHiggsBaseline(tfjsMlpFamily(), train, { seed: 7 }, onProgress);
 *          const csv = higgsSubmission(b, test); // EventId,RankOrder,Class with Class from b.cut.threshold
 */
import { trainingProblems } from "../../shared/baseline/checks";
import { assertFinite, fitBaseline, type FittedBaseline } from "../../shared/baseline/pipeline";
import { stratifiedSplit } from "../../shared/baseline/split";
import { kaggleSubmission } from "../../shared/baseline/submission";
import type { FeatureStyle, LabelledSet, ModelFamily, ProgressListener, TrainingData, TrainOptions } from "../../shared/baseline/types";
import { balancedWeights, renormaliseToTotals } from "../../shared/baseline/weights";
import { Random } from "../../shared/random";
import { BACKGROUND_WEIGHT_TOTAL, HIGGS_FEATURES, type HiggsEvents, selectEvents, SIGNAL_WEIGHT_TOTAL } from "../schema";
import { fitPreprocessor, type PreprocessorState, transformEvents } from "./preprocess";

export const KAGGLE_TOTALS = { signal: SIGNAL_WEIGHT_TOTAL, background: BACKGROUND_WEIGHT_TOTAL };
export const DEFAULT_VALIDATION_FRACTION = 0.2;
/** Stream of the seed used for the validation split, apart from the families' streams. */
const SPLIT_STREAM = 0xba5e;

export interface HiggsBaselineOptions extends TrainOptions {
  validationFraction?: number;
  /** Remove the φ/η symmetries in preprocessing (default true). */
  symmetrise?: boolean;
}

export interface HiggsBaseline extends FittedBaseline {
  preprocessor: PreprocessorState;
}

/** Problems that make the events unusable for training (no events, one class, non-finite values, bad weights). */
export function higgsTrainingProblems(events: HiggsEvents): string[] {
  return trainingProblems(events.label, events.weight, { names: HIGGS_FEATURES, values: events.features });
}

function labelledSet(events: HiggsEvents, preprocessor: PreprocessorState): LabelledSet {
  return {
    ...transformEvents(preprocessor, events),
    label: events.label,
    weight: balancedWeights(events.label, events.weight),
    amsWeight: renormaliseToTotals(events.label, events.weight, KAGGLE_TOTALS),
  };
}

/** The seeded stratified split every family (and a blend) uses for a seed. */
function splitEvents(
  events: HiggsEvents,
  opts: { seed: number; validationFraction?: number },
): { train: HiggsEvents; validation: HiggsEvents } {
  const rows = stratifiedSplit(
    events.label,
    opts.validationFraction ?? DEFAULT_VALIDATION_FRACTION,
    new Random(opts.seed).fork(SPLIT_STREAM),
  );
  return { train: selectEvents(events, rows.train), validation: selectEvents(events, rows.validation) };
}

/** The validation events of a seed's split, with AMS weights renormalised to Kaggle's totals. */
export function higgsValidationSplit(events: HiggsEvents, opts: { seed: number; validationFraction?: number }) {
  const { validation } = splitEvents(events, opts);
  return { validation, amsWeight: renormaliseToTotals(validation.label, validation.weight, KAGGLE_TOTALS) };
}

/** Validation split, preprocessing fitted on the training part, and both parts as model-ready sets. */
export function prepareHiggsTraining(
  events: HiggsEvents,
  style: FeatureStyle,
  opts: { seed: number; validationFraction?: number; symmetrise?: boolean },
): { data: TrainingData; preprocessor: PreprocessorState } {
  const { train, validation } = splitEvents(events, opts);
  const preprocessor = fitPreprocessor(train, { style, symmetrise: opts.symmetrise });
  return {
    data: {
      featureNames: preprocessor.columns.map((c) => c.name),
      train: labelledSet(train, preprocessor),
      validation: labelledSet(validation, preprocessor),
    },
    preprocessor,
  };
}

/** Throws the training problems as one error; trains and picks the cut otherwise. */
export async function trainHiggsBaseline(
  family: ModelFamily,
  events: HiggsEvents,
  opts: HiggsBaselineOptions,
  onProgress: ProgressListener,
): Promise<HiggsBaseline> {
  const problems = higgsTrainingProblems(events);
  if (problems.length > 0) throw new Error(`The training events cannot be used: ${problems.join("; ")}`);
  const { data, preprocessor } = prepareHiggsTraining(events, family.features, opts);
  const fitted = await fitBaseline(family, data, opts, onProgress, { preprocessing: preprocessor });
  return { ...fitted, preprocessor };
}

/** Signal probabilities of any events (test events need no labels or weights). */
export function predictHiggs(baseline: HiggsBaseline, events: HiggsEvents): Float32Array {
  const { X, rows } = transformEvents(baseline.preprocessor, events);
  const scores = baseline.model.predict(X, rows);
  assertFinite(scores, "test predictions");
  return scores;
}

/** Kaggle-format submission of the test events with the cut chosen on validation. */
export function higgsSubmission(baseline: HiggsBaseline, test: HiggsEvents): string {
  return kaggleSubmission(test.eventId, predictHiggs(baseline, test), baseline.cut.threshold);
}
