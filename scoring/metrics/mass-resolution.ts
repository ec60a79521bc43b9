/**
 * Mean relative resolution of a mass regression (e.g. the di-τ mass with its neutrinos): with r = (ŷ − y)/y per
 * event, the bias is the weighted mean of r and the resolution the weighted standard deviation around it,
 * σ = √(Σ w (r − bias)² / Σ w) (population form, as np.average gives it); lower is better. The resolution ranks; the
 * bias is reported beside it (a shifted but sharp estimator is easy to calibrate, a broad one is not). Every true
 * value must be non-zero (a mass is positive).
 *
 * Worked example: true [100, 125, 200], predicted [110, 125, 180], unit weights: r = [0.1, 0, −0.1], bias 0,
 * σ = √(0.02/3) = 0.08165.
 */
import { describeMetric, type MetricData, type Resampled } from "../metric-descriptor";
import { centred, resampledMoments, spreadOf, type Moments } from "./moments";
import { weightOf } from "./per-event";

export interface ResolutionResult {
  resolution: number;
  bias: number;
}

function relativeErrors(data: MetricData): Float64Array {
  const out = new Float64Array(data.target.length);
  for (let i = 0; i < out.length; i++) {
    const y = data.target[i]!;
    if (!(y !== 0 && Number.isFinite(y)))
      throw new RangeError(`event ${i} has true value ${y}: a relative resolution needs a non-zero finite target`);
    out[i] = (data.prediction[i]! - y) / y;
  }
  return out;
}

export function massResolution(data: MetricData): ResolutionResult {
  const r = relativeErrors(data);
  let total = 0;
  let sum = 0;
  for (let i = 0; i < r.length; i++) {
    const w = weightOf(data, i);
    total += w;
    sum += w * r[i]!;
  }
  const bias = sum / total;
  let spread = 0;
  for (let i = 0; i < r.length; i++) spread += weightOf(data, i) * (r[i]! - bias) ** 2;
  return { resolution: Math.sqrt(spread / total), bias };
}

/** Per resample the moments of r around the subset's bias (moments.ts): σ² = spread / Σ w. */
function resampleResolution(data: MetricData): Resampled {
  const r = relativeErrors(data);
  const weights = data.weights ?? new Float64Array(r.length).fill(1);
  const d = centred(r, massResolution(data).bias);
  const moments: Moments = { total: 0, sumD: 0, sumD2: 0 };
  return {
    events: r.length,
    metric: (m) => {
      resampledMoments(m, weights, d, moments);
      return moments.total > 0 ? Math.sqrt(Math.max(0, spreadOf(moments) / moments.total)) : NaN;
    },
  };
}

export const massResolutionMetric = describeMetric({
  id: "mass-resolution",
  name: "Relative mass resolution σ((ŷ − y)/y)",
  direction: "min",
  range: [0, null],
  precision: 5,
  needsWeights: false,
  targets: ["real"],
  submissionFormat: "values",
  compute: (data) => massResolution(data).resolution,
  details: (data) => ({ bias: massResolution(data).bias }),
  resample: resampleResolution,
});
