/**
 * Coefficient of determination R² = 1 − Σ w (y − ŷ)² / Σ w (y − ȳ)², ȳ the weighted mean target (sklearn's r2_score
 * with sample_weight); higher is better, 1 perfect, unbounded below. NaN when the target is constant (the
 * denominator is 0; sklearn returns 1 or 0 there by its force_finite convention, a number no leaderboard should show).
 *
 * Worked example: targets [1, 2, 3], predictions [1.5, 2, 2], weights [1, 1, 2]: ȳ = 9/4, Σ w (y − ŷ)² = 2.25,
 * Σ w (y − ȳ)² = 1.5625 + 0.0625 + 2·0.5625 = 2.75, R² = 1 − 2.25/2.75 = 2/11 = 0.1818.
 */
import { describeMetric, type MetricData, type Resampled } from "../metric-descriptor";
import { centred, resampledMoments, spreadOf, type Moments } from "./moments";
import { weightOf } from "./per-event";
import { rangeSum } from "./segment-sums";

function weightedTargetMean(data: MetricData): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < data.target.length; i++) {
    const w = weightOf(data, i);
    sum += w * data.target[i]!;
    total += w;
  }
  return sum / total;
}

export function r2(data: MetricData): number {
  const mean = weightedTargetMean(data);
  let residual = 0;
  let spread = 0;
  for (let i = 0; i < data.target.length; i++) {
    const w = weightOf(data, i);
    const y = data.target[i]!;
    residual += w * (y - data.prediction[i]!) ** 2;
    spread += w * (y - mean) ** 2;
  }
  return spread > 0 ? 1 - residual / spread : NaN;
}

/** Per resample the spread from the moments around the subset's mean (moments.ts), and the residual Σ m·w·(y − ŷ)². */
function resampleR2(data: MetricData): Resampled {
  const n = data.target.length;
  const weights = data.weights ?? new Float64Array(n).fill(1);
  const d = centred(data.target, weightedTargetMean(data));
  const weightedSquares = new Float64Array(n);
  for (let i = 0; i < n; i++) weightedSquares[i] = weights[i]! * (data.target[i]! - data.prediction[i]!) ** 2;
  const moments: Moments = { total: 0, sumD: 0, sumD2: 0 };
  return {
    events: n,
    metric: (m) => {
      resampledMoments(m, weights, d, moments);
      const spread = spreadOf(moments);
      return moments.total > 0 && spread > 0 ? 1 - rangeSum(m, weightedSquares, 0, n) / spread : NaN;
    },
  };
}

export const r2Metric = describeMetric({
  id: "r2",
  name: "R²",
  direction: "max",
  range: [null, 1],
  precision: 5,
  needsWeights: false,
  targets: ["real"],
  submissionFormat: "values",
  compute: r2,
  resample: resampleR2,
});
