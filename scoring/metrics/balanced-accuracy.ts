/**
 * Balanced accuracy: the mean over classes of each class's recall (weighted share of its events predicted as it),
 * sklearn's balanced_accuracy_score with sample_weight. Classes absent from the target (no weight) are left out of
 * the mean, as sklearn leaves them out. Predicted classes as in accuracy.ts.
 *
 * Worked example (3 classes): targets [0, 1, 2, 2], predicted [0, 2, 2, 1], weights [1, 1, 2, 1]: recall of class 0
 * = 1/1, class 1 = 0/1, class 2 = 2/3; balanced accuracy = (1 + 0 + 2/3) / 3 = 5/9 = 0.5556.
 */
import { describeMetric, type MetricData, type Resampled } from "../metric-descriptor";
import { predictedClasses, weightOf } from "./per-event";
import { segmentResampler, segmentsOf } from "./segment-sums";

function classCount(data: MetricData): number {
  return data.type === "binary" ? 2 : data.classes;
}

/** Mean recall from per-class weight sums (classes of no weight left out). */
function meanRecall(right: Float64Array, total: Float64Array): number {
  let sum = 0;
  let present = 0;
  for (let c = 0; c < total.length; c++) {
    if (!(total[c]! > 0)) continue;
    sum += right[c]! / total[c]!;
    present++;
  }
  return present > 0 ? sum / present : NaN;
}

export function balancedAccuracy(data: MetricData): number {
  const predicted = predictedClasses(data);
  const k = classCount(data);
  const right = new Float64Array(k);
  const total = new Float64Array(k);
  for (let i = 0; i < predicted.length; i++) {
    const c = data.target[i]!;
    const w = weightOf(data, i);
    total[c]! += w;
    if (predicted[i] === c) right[c]! += w;
  }
  return meanRecall(right, total);
}

/** Per class its right events' weights, then its wrong ones': segment 2c is class c's right, 2c + 1 its wrong. */
function resampleBalancedAccuracy(data: MetricData): Resampled {
  const predicted = predictedClasses(data);
  const k = classCount(data);
  const keys = new Int32Array(predicted.length);
  for (let i = 0; i < keys.length; i++) keys[i] = 2 * data.target[i]! + (predicted[i] === data.target[i] ? 0 : 1);
  const right = new Float64Array(k);
  const total = new Float64Array(k);
  return segmentResampler(segmentsOf(keys, 2 * k, data.weights), (sums) => {
    for (let c = 0; c < k; c++) {
      right[c] = sums[2 * c]!;
      total[c] = sums[2 * c]! + sums[2 * c + 1]!;
    }
    return meanRecall(right, total);
  });
}

export const balancedAccuracyMetric = describeMetric({
  id: "balanced-accuracy",
  name: "Balanced accuracy",
  direction: "max",
  range: [0, 1],
  precision: 4,
  needsWeights: false,
  targets: ["binary", "multiclass"],
  submissionFormat: "probabilities",
  compute: balancedAccuracy,
  resample: resampleBalancedAccuracy,
});
