/**
 * Approximate Median Significance of the HiggsML challenge (2014):
 *   AMS = sqrt(2 ((s + b + b_r) ln(1 + s / (b + b_r)) − s)),  b_r = 10, natural log,
 * with s, b the weight sums of true signal and true background events submitted as signal.
 *
 * Worked example: s = 10, b = 90 → b + b_r = 100, ln(1.1) = 0.0953101798…,
 * AMS = sqrt(2 (110 · 0.0953101798 − 10)) = sqrt(0.96823955…) = 0.98399164475…
 */

import { describeMetric, type MetricData } from "../metric-descriptor";
import { binaryLabels, predictedPositive } from "./binary-data";
import { resampledAms, splitWeights } from "./resampled";

export const AMS_B_REG = 10;

export function ams(s: number, b: number, bReg = AMS_B_REG): number {
  const bTot = b + bReg;
  // log1p keeps precision when s ≪ b; the radicand is ≥ 0 mathematically, clamp rounding noise at s ≈ 0.
  const radicand = 2 * ((s + bTot) * Math.log1p(s / bTot) - s);
  return Math.sqrt(Math.max(0, radicand));
}

export interface AmsResult {
  ams: number;
  s: number;
  b: number;
}

/**
 * AMS of the events with selected[i] !== 0 (submitted as `s`) among `rows` (one Usage subset's rows, ascending;
 * default all). `weights` are used as given (finite, as a solution's are).
 */
export function amsFromSelection(
  labels: Uint8Array,
  weights: Float64Array,
  selected: Uint8Array,
  rows?: Int32Array,
  bReg = AMS_B_REG,
): AmsResult {
  let s = 0;
  let b = 0;
  // Without branches (selection and label are random along the rows, and mispredictions dominated the loop): an
  // event left out adds w·0 = 0, which leaves a sum unchanged. A subset's row list, not a mask over every row: the
  // Public subset is an eighth of the rows, and a mask made each subset's sum a pass over all of them.
  const n = rows ? rows.length : labels.length;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k]! : k;
    const kept = (selected[i]! + 255) >> 8;
    const isSignal = (labels[i]! + 255) >> 8;
    const w = weights[i]! * kept;
    s += w * isSignal;
    b += w * (1 - isSignal);
  }
  return { ams: ams(s, b, bReg), s, b };
}

/** The rows a binary prediction selects as signal (predictedPositive: a Higgs submission's `s` arrives as 1). */
function selectedRows(data: MetricData): Int32Array {
  const { prediction } = data;
  let m = 0;
  for (let i = 0; i < prediction.length; i++) m += predictedPositive(prediction[i]!);
  const rows = new Int32Array(m);
  for (let i = 0, k = 0; i < prediction.length; i++) if (predictedPositive(prediction[i]!)) rows[k++] = i;
  return rows;
}

function unitWeights(data: MetricData): Float64Array {
  return data.weights ?? new Float64Array(data.prediction.length).fill(1);
}

export const amsMetric = describeMetric({
  id: "ams",
  name: "Weighted AMS",
  direction: "max",
  range: [0, null],
  precision: 5,
  needsWeights: true,
  targets: ["binary"],
  submissionFormat: "higgs",
  compute: (data) => {
    const selected = new Uint8Array(data.prediction.length);
    for (let i = 0; i < selected.length; i++) selected[i] = predictedPositive(data.prediction[i]!);
    return amsFromSelection(binaryLabels(data), unitWeights(data), selected).ams;
  },
  // Only the selected events move s and b, so only they need multiplicities.
  resample: (data) => {
    const events = splitWeights(selectedRows(data), binaryLabels(data), unitWeights(data));
    return { events: events.signal.length, metric: (m) => resampledAms(events, m) };
  },
});
