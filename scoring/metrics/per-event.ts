/**
 * What the metrics that average something over events share: predicted classes, weighted means, and their bootstrap
 * resamplers (one pass of weighted sums per resample, no allocation).
 */
import type { MetricData, Resampled } from "../metric-descriptor";
import { predictedPositive } from "./binary-data";

/** Weight of event i (1 when the data has no weights). */
export function weightOf(data: MetricData, i: number): number {
  return data.weights === null ? 1 : data.weights[i]!;
}

/** Number of events (the target's length). */
export function eventCount(data: MetricData): number {
  return data.target.length;
}

/**
 * The predicted class of each event: binary, 1 when the probability exceeds ½ (predictedPositive); multiclass, the
 * class of largest probability, the lowest index on ties (numpy's argmax, which sklearn's predict uses).
 */
export function predictedClasses(data: MetricData): Int32Array {
  const n = eventCount(data);
  const out = new Int32Array(n);
  const { prediction, classes } = data;
  if (data.type === "binary") {
    for (let i = 0; i < n; i++) out[i] = predictedPositive(prediction[i]!);
    return out;
  }
  for (let i = 0; i < n; i++) {
    const base = i * classes;
    let best = 0;
    for (let c = 1; c < classes; c++) if (prediction[base + c]! > prediction[base + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/** Σ w·v / Σ w (NaN when the weights sum to 0). */
export function weightedMean(values: Float64Array, data: MetricData): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weightOf(data, i);
    sum += w * values[i]!;
    total += w;
  }
  return total > 0 ? sum / total : NaN;
}

/** The weighted mean of per-event `values` over a resample (each event counted multiplicity times). */
export function meanResampler(values: Float64Array, data: MetricData, finish: (mean: number) => number = (x) => x): Resampled {
  const n = values.length;
  const weights = data.weights ?? new Float64Array(n).fill(1);
  // w·v once here, not once per resample: the pass below runs 200 times over every event.
  const weighted = new Float64Array(n);
  for (let i = 0; i < n; i++) weighted[i] = weights[i]! * values[i]!;
  return {
    events: n,
    metric: (m) => {
      const [sum, total] = resampledRatioSums(m, weighted, weights);
      return total > 0 ? finish(sum / total) : NaN;
    },
  };
}

/**
 * [Σ m·numerator, Σ m·denominator]. A function of its own, with the arrays as arguments: a loop in a closure reads
 * them from the closure's context, which V8 no longer specialises once a second closure of the same code exists.
 */
function resampledRatioSums(m: Uint8Array, numerator: Float64Array, denominator: Float64Array): [number, number] {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < m.length; i++) {
    sum += m[i]! * numerator[i]!;
    total += m[i]! * denominator[i]!;
  }
  return [sum, total];
}
