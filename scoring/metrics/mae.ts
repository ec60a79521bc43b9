/**
 * Mean absolute error of a regression, Σ w |ŷ − y| / Σ w (sklearn's mean_absolute_error with sample_weight); lower
 * is better.
 *
 * Worked example: targets [1, 2, 3], predictions [1.5, 2, 2], weights [1, 1, 2]: (0.5 + 0 + 2·1) / 4 = 0.625.
 */
import { describeMetric, type MetricData } from "../metric-descriptor";
import { meanResampler, weightedMean } from "./per-event";

function absoluteErrors(data: MetricData): Float64Array {
  const out = new Float64Array(data.target.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.abs(data.prediction[i]! - data.target[i]!);
  return out;
}

export function mae(data: MetricData): number {
  return weightedMean(absoluteErrors(data), data);
}

export const maeMetric = describeMetric({
  id: "mae",
  name: "MAE",
  direction: "min",
  range: [0, null],
  precision: 5,
  needsWeights: false,
  targets: ["real"],
  submissionFormat: "values",
  compute: mae,
  resample: (data) => meanResampler(absoluteErrors(data), data),
});
