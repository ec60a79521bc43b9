/**
 * CWoLa ("classification without labels", Metodiev, Nachman & Thaler 2017; as a bump hunt, Collins, Howe &
 * Nachman 2018): a classifier trained to tell two *mixed* samples apart, e.g. signal-region events from sideband
 * events, is optimal for signal vs background as well, when the only difference between the samples is their signal
 * fraction. Its output, the probability of belonging to the signal-rich sample, is the anomaly score. The inputs
 * are the four non-m_JJ features (features.ts): m_JJ itself defines the samples and must not be learnt.
 *
 * The group of each event: 1 = the signal-rich sample (signal region, or the data), 0 = the reference (sidebands,
 * or a background-only sample: the "idealised" CWoLa of the CATHODE paper), −1 = not used in training (still
 * scored). Training is cross-fitted (k-fold.ts): every event is scored by a model that never saw it. Each fold model
 * is the shared tfjs MLP family (seeded, early stopping on a stratified validation part, class-balanced weights).
 *
 * Worked example of sidebandGroups with region [3300, 3700] and width 400: m_JJ 3500 → 1, 3000 → 0, 3800 → 0,
 * 2850 → −1 (below 2900), 4200 → −1 (above 4100). sidebandWeights then gives 3 lower-band and 1 upper-band
 * events weights 4/6 = 0.667 and 4/2 = 2, so each band totals 2 (measured on simulated data: gate statistic 1.3e-3
 * unweighted, 1.7e-4 weighted, threshold 2e-3).
 */
import { stratifiedSplit } from "../../shared/baseline/split";
import { DEFAULT_MLP, type MlpHyperparameters, tfjsMlpFamily } from "../../shared/baseline/tfjs-mlp";
import type { LabelledSet, TrainedModel } from "../../shared/baseline/types";
import { balancedWeights } from "../../shared/baseline/weights";
import { Random } from "../../shared/random";
import { type AnomalyEvents, concatAnomalyEvents, FEATURE } from "../schema";
import { SIGNAL_REGION } from "../simulator/params";
import { baselineInputs, fitStandardiser, gatherRows, type Standardiser } from "./features";
import { crossFit, kFoldAssignment } from "./k-fold";
import type { EpochListener } from "./progress";

export const DEFAULT_CWOLA: MlpHyperparameters = { ...DEFAULT_MLP, hidden: [32, 32], ensemble: 1, epochs: 30, patience: 5 };
export const DEFAULT_FOLDS = 5;
/** Each side band's width (GeV) by default: as wide as the signal region, so both bands see similar jets. */
export const DEFAULT_SIDEBAND_WIDTH = 400;
/** Fewest training events a fold model needs in each group. */
export const MIN_GROUP_EVENTS = 20;
const VALIDATION_FRACTION = 0.2;

/** Signal region (1), side bands of `width` GeV on either side (0), elsewhere (−1). */
export function sidebandGroups(
  events: AnomalyEvents,
  region: readonly [number, number] = SIGNAL_REGION,
  width = DEFAULT_SIDEBAND_WIDTH,
): Int8Array {
  const [lo, hi] = region;
  return Int8Array.from(events.features[FEATURE.mjj]!, (m) => (m >= lo && m < hi ? 1 : m >= lo - width && m < hi + width ? 0 : -1));
}

/**
 * Weights that give the lower and the upper side band the same total: the falling m_JJ spectrum puts most side-band
 * events below the signal region, where the jets are lighter, and a classifier would then learn "heavier jets = signal
 * region", a score that rises with m_JJ and fails the mass-sculpting gate. Signal-region and unused events weigh 1.
 */
export function sidebandWeights(events: AnomalyEvents, group: Int8Array, region: readonly [number, number] = SIGNAL_REGION): Float64Array {
  const mjj = events.features[FEATURE.mjj]!;
  let below = 0;
  let above = 0;
  group.forEach((g, i) => g === 0 && (mjj[i]! < region[0] ? below++ : above++));
  const total = below + above;
  return Float64Array.from(group, (g, i) => (g !== 0 ? 1 : mjj[i]! < region[0] ? total / (2 * below) : total / (2 * above)));
}

/** The data (group 1) followed by a background-only reference sample (group 0). */
export function referenceGroups(data: AnomalyEvents, reference: AnomalyEvents): { events: AnomalyEvents; group: Int8Array } {
  const group = new Int8Array(data.label.length + reference.label.length);
  group.fill(1, 0, data.label.length);
  return { events: concatAnomalyEvents(data, reference), group };
}

export interface CwolaOptions {
  seed: number;
  /** Per-event weight within its group before the groups are balanced (default 1 each). */
  weight?: ArrayLike<number>;
  folds?: number;
  epochs?: number;
  hyperparameters?: Partial<MlpHyperparameters>;
  onEpoch?: EpochListener;
}

export interface CwolaResult {
  /** Out-of-fold probability of group 1, per event of the training sample. */
  scores: Float64Array;
  /** Mean of the fold models' probabilities, for events none of them saw (another file). */
  predict(events: AnomalyEvents): Float64Array;
  standardiser: Standardiser;
  hyperparameters: MlpHyperparameters;
  architecture: Record<string, unknown>;
  folds: number;
  /** Events per group used in training (each fold model sees (folds − 1) / folds of them). */
  groupEvents: { signalRich: number; reference: number; unused: number };
  bestEpochs: number[];
  dispose(): void;
}

function labelledSet(
  X: Float32Array,
  cols: number,
  rows: Int32Array,
  label: Uint8Array,
  weight: ArrayLike<number> | undefined,
): LabelledSet {
  const ones = new Float64Array(rows.length).fill(1);
  const base = weight ? Float64Array.from(rows, (r) => weight[r]!) : ones;
  // amsWeight only feeds the family's progress AMS, which means nothing here: unit weights keep it defined.
  return { X: gatherRows(X, cols, rows), rows: rows.length, cols, label, weight: balancedWeights(label, base), amsWeight: ones };
}

function countGroups(group: Int8Array, rows: ArrayLike<number>): [number, number] {
  let rich = 0;
  let reference = 0;
  for (let k = 0; k < rows.length; k++) {
    const g = group[rows[k]!];
    if (g === 1) rich++;
    else if (g === 0) reference++;
  }
  return [rich, reference];
}

/** Cross-fitted CWoLa on `events` with `group` per event (see the file comment). */
export async function trainCwola(events: AnomalyEvents, group: Int8Array, opts: CwolaOptions): Promise<CwolaResult> {
  const n = events.label.length;
  if (group.length !== n) throw new RangeError(`${group.length} groups for ${n} events`);
  const folds = opts.folds ?? DEFAULT_FOLDS;
  const hp: MlpHyperparameters = {
    ...DEFAULT_CWOLA,
    ...opts.hyperparameters,
    ...(opts.epochs === undefined ? {} : { epochs: opts.epochs }),
  };
  const [rich, reference] = countGroups(
    group,
    Int32Array.from({ length: n }, (_, i) => i),
  );
  // Each fold model sees about (folds − 1) / folds of each group; refuse up front rather than fail in fold 3.
  const minimum = Math.ceil((MIN_GROUP_EVENTS * folds) / (folds - 1));
  if (rich < minimum || reference < minimum) {
    throw new RangeError(
      `CWoLa needs at least ${minimum} events in each sample; got ${rich} signal-region (or data) and ${reference} sideband (or reference) events`,
    );
  }
  const root = new Random(opts.seed);
  // Fitted on the features of every event: no label or group enters it, so nothing leaks into the scores.
  const standardiser = fitStandardiser(events);
  const { X, cols } = baselineInputs(events, standardiser);
  const family = tfjsMlpFamily(hp);
  const fold = kFoldAssignment(n, folds, root.fork(1));
  const { scores, models } = await crossFit<TrainedModel>(
    fold,
    folds,
    async (trainRows, f) => {
      const rows = trainRows.filter((r) => group[r]! >= 0);
      const label = Uint8Array.from(rows, (r) => group[r]!);
      const rng = root.fork(2 + f);
      const split = stratifiedSplit(label, VALIDATION_FRACTION, rng.fork(0));
      const pick = (part: Int32Array) =>
        labelledSet(
          X,
          cols,
          Int32Array.from(part, (k) => rows[k]!),
          Uint8Array.from(part, (k) => label[k]!),
          opts.weight,
        );
      const data = { featureNames: [...standardiser.features], train: pick(split.train), validation: pick(split.validation) };
      return family.train(data, { seed: rng.nextUint32() }, (e) =>
        opts.onEpoch?.({ epoch: e.epoch, epochs: e.epochs, loss: e.loss, validationLoss: Number.NaN, fold: f + 1, folds }),
      );
    },
    (model, rows) => Float64Array.from(model.predict(gatherRows(X, cols, rows), rows.length)),
  );
  return {
    scores,
    predict(other) {
      const input = baselineInputs(other, standardiser);
      const mean = new Float64Array(input.rows);
      for (const m of models) m.predict(input.X, input.rows).forEach((p, i) => (mean[i]! += p / models.length));
      return mean;
    },
    standardiser,
    hyperparameters: hp,
    architecture: { ...models[0]!.architecture, folds },
    folds,
    groupEvents: { signalRich: rich, reference, unused: n - rich - reference },
    bestEpochs: models.flatMap((m) => m.bestEpochs),
    dispose: () => models.forEach((m) => m.dispose()),
  };
}
