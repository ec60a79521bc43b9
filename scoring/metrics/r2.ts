/**
 * Coefficient of determination R² = 1 − Σ w (y − ŷ)² / Σ w (y − ȳ)², ȳ the weighted mean target (sklearn's r2_score
 * with sample_weight); higher is better, 1 perfect, unbounded below. NaN when the target is constant (the
 * denominator is 0; sklearn returns 1 or 0 there by its force_finite convention, a number no leaderboard should show).
 *
 * Worked example: targets [1, 2, 3], predictions [1.5, 2, 2], weights [1, 1, 2]: ȳ = 9/4, Σ w (y − ŷ)² = 2.25,
 * Σ w (y − ȳ)² = 1.5625 + 0.0625 + 2·0.5625 = 2.75, R² = 1 − 2.25/2.75 = 2/11 = 0.1818.
 */
import { describeMetric, type MetricData, type Resampled } from "../metric-descriptor";
import { weightOf } from "./per-event";

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

/**
 * One pass per resample: the spread from Σ w, Σ w d, Σ w d² with d = y − ȳ of the whole subset (shifting by a fixed
 * value changes nothing mathematically, and centring first keeps Σ w d² − (Σ w d)²/Σ w free of cancellation).
 */
function resampleR2(data: MetricData): Resampled {
  const n = data.target.length;
  const mean = weightedTargetMean(data);
  const weights = data.weights ?? new Float64Array(n).fill(1);
  const d = new Float64Array(n);
  const squared = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    d[i] = data.target[i]! - mean;
    squared[i] = (data.target[i]! - data.prediction[i]!) ** 2;
  }
  return {
    events: n,
    metric: (m) => {
      let total = 0;
      let sumD = 0;
      let sumD2 = 0;
      let residual = 0;
      for (let i = 0; i < n; i++) {
        const w = m[i]! * weights[i]!;
        total += w;
        sumD += w * d[i]!;
        sumD2 += w * d[i]! * d[i]!;
        residual += w * squared[i]!;
      }
      const spread = sumD2 - (sumD * sumD) / total;
      return total > 0 && spread > 0 ? 1 - residual / spread : NaN;
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
