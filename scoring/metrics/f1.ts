/**
 * F1 score of the positive class (binary): the harmonic mean of precision and recall, 2·TP / (2·TP + FP + FN) with
 * weighted counts (sklearn's f1_score with sample_weight); class 1 predicted when p > ½. NaN when the target has no
 * positive event (recall is undefined; sklearn warns and returns 0 there).
 *
 * Worked example: labels [1, 1, 0, 0, 1], probabilities [0.9, 0.2, 0.7, 0.1, 0.6], unit weights: predicted
 * [1, 0, 1, 0, 1], TP 2, FP 1, FN 1, F1 = 4 / 6 = 0.6667.
 */
import { describeMetric, type MetricData, type Resampled } from "../metric-descriptor";
import { predictedPositive } from "./binary-data";
import { weightOf } from "./per-event";
import { segmentResampler, segmentsOf } from "./segment-sums";

const [TP, FP, FN, TN] = [0, 1, 2, 3];

function f1FromCounts(tp: number, fp: number, fn: number): number {
  if (!(tp + fn > 0)) return NaN;
  return tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0;
}

export function f1(data: MetricData): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < data.target.length; i++) {
    const w = weightOf(data, i);
    const predicted = predictedPositive(data.prediction[i]!);
    if (data.target[i] === 1) {
      if (predicted) tp += w;
      else fn += w;
    } else if (predicted) fp += w;
  }
  return f1FromCounts(tp, fp, fn);
}

/** Segments TP, FP, FN (true negatives do not enter F1, and are left out). */
function resampleF1(data: MetricData): Resampled {
  const keys = new Uint8Array(data.target.length);
  for (let i = 0; i < keys.length; i++) {
    const predicted = predictedPositive(data.prediction[i]!);
    keys[i] = data.target[i] === 1 ? (predicted ? TP : FN) : predicted ? FP : TN;
  }
  return segmentResampler(segmentsOf(keys, 3, data.weights), ([tp, fp, fn]) => f1FromCounts(tp!, fp!, fn!));
}

export const f1Metric = describeMetric({
  id: "f1",
  name: "F1 score",
  direction: "max",
  range: [0, 1],
  precision: 4,
  needsWeights: false,
  targets: ["binary"],
  submissionFormat: "probabilities",
  compute: f1,
  resample: resampleF1,
});
