/**
 * Root mean squared error of a regression, √(Σ w (ŷ − y)² / Σ w) (sklearn's mean_squared_error with squared=False
 * and sample_weight); lower is better.
 *
 * Worked example: targets [1, 2, 3], predictions [1.5, 2, 2], weights [1, 1, 2]: squared errors [0.25, 0, 1],
 * weighted mean (0.25 + 0 + 2) / 4 = 0.5625, RMSE = 0.75.
 */
import { describeMetric, type MetricData } from "../metric-descriptor";
import { meanResampler, weightedMean } from "./per-event";

function squaredErrors(data: MetricData): Float64Array {
  const out = new Float64Array(data.target.length);
  for (let i = 0; i < out.length; i++) out[i] = (data.prediction[i]! - data.target[i]!) ** 2;
  return out;
}

export function rmse(data: MetricData): number {
  return Math.sqrt(weightedMean(squaredErrors(data), data));
}

export const rmseMetric = describeMetric({
  id: "rmse",
  name: "RMSE",
  direction: "min",
  range: [0, null],
  precision: 5,
  needsWeights: false,
  targets: ["real"],
  submissionFormat: "values",
  compute: rmse,
  resample: (data) => meanResampler(squaredErrors(data), data, Math.sqrt),
});
