/**
 * Accuracy: the weighted share of events whose predicted class is the true one (sklearn's accuracy_score with
 * sample_weight). Binary predictions are probabilities, class 1 when p > ½; multiclass, the most probable class.
 *
 * Worked example (binary): labels [1, 0, 1, 0], probabilities [0.9, 0.6, 0.4, 0.2], weights [1, 2, 1, 1]: predicted
 * [1, 1, 0, 0], right on events 1 and 4, accuracy = (1 + 1) / 5 = 0.4.
 */
import { describeMetric, type MetricData } from "../metric-descriptor";
import { predictedClasses, weightedMean } from "./per-event";
import { segmentResampler, segmentsOf } from "./segment-sums";

/** 1 per event whose predicted class is its target, else 0. */
function hits(data: MetricData): Float64Array {
  const predicted = predictedClasses(data);
  const out = new Float64Array(predicted.length);
  for (let i = 0; i < out.length; i++) out[i] = predicted[i] === data.target[i] ? 1 : 0;
  return out;
}

export function accuracy(data: MetricData): number {
  return weightedMean(hits(data), data);
}

export const accuracyMetric = describeMetric({
  id: "accuracy",
  name: "Accuracy",
  direction: "max",
  range: [0, 1],
  precision: 4,
  needsWeights: false,
  targets: ["binary", "multiclass"],
  submissionFormat: "probabilities",
  compute: accuracy,
  // Hits' weights, then misses': a resample's accuracy is Σ hits / (Σ hits + Σ misses).
  resample: (data) => {
    const missed = hits(data).map((hit) => 1 - hit);
    return segmentResampler(segmentsOf(missed, 2, data.weights), ([hit, miss]) => (hit! + miss! > 0 ? hit! / (hit! + miss!) : NaN));
  },
});
