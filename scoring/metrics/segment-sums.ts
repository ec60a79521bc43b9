/**
 * The bootstrap layout of the metrics that count weighted events into a few sums (accuracy's hits and misses,
 * balanced accuracy's per class, F1's TP, FP and FN): each event's weight is placed in the range of the sum it feeds,
 * so the sums of a resample are one sequential pass of Σ multiplicity·weight per range, over one array. Events that
 * feed no sum (F1's true negatives) are left out, and so need no multiplicity (see Resampled).
 *
 * Worked example: keys [1, 0, 2, 0], weights [1, 2, 3, 4], 2 segments: values [2, 4, 1], bounds [0, 2, 3] (event 2,
 * key 2, feeds no sum and is left out); with multiplicities [1, 2, 1] the sums are [2 + 8, 1] = [10, 1].
 */
import type { Resampled } from "../metric-descriptor";

export interface Segments {
  /** The weights, segment by segment (in event order within one). */
  values: Float64Array;
  /** Segment s is values[bounds[s], bounds[s + 1]); bounds has segments + 1 entries. */
  bounds: Int32Array;
}

/** Groups the events by key (0..segments − 1; any other key leaves an event out); `weights` null = 1 each. */
export function segmentsOf(keys: ArrayLike<number>, segments: number, weights: Float64Array | null): Segments {
  const bounds = new Int32Array(segments + 1);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key >= 0 && key < segments) bounds[key + 1]!++;
  }
  for (let s = 0; s < segments; s++) bounds[s + 1]! += bounds[s]!;
  const next = bounds.slice(0, segments);
  const values = new Float64Array(bounds[segments]!);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key >= 0 && key < segments) values[next[key]!++] = weights === null ? 1 : weights[i]!;
  }
  return { values, bounds };
}

/** Σ multiplicity[k]·values[k] over [from, to). */
export function rangeSum(multiplicity: Uint8Array, values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let k = from; k < to; k++) sum += multiplicity[k]! * values[k]!;
  return sum;
}

/** out[s] = the multiplicity-weighted sum of segment s. */
export function segmentSums(multiplicity: Uint8Array, { values, bounds }: Segments, out: Float64Array): void {
  for (let s = 0; s + 1 < bounds.length; s++) out[s] = rangeSum(multiplicity, values, bounds[s]!, bounds[s + 1]!);
}

/** The resampler of a metric of segment sums: `finish` turns one resample's sums into the metric. */
export function segmentResampler(segments: Segments, finish: (sums: Float64Array) => number): Resampled {
  const sums = new Float64Array(segments.bounds.length - 1);
  return {
    events: segments.values.length,
    metric: (m) => {
      segmentSums(m, segments, sums);
      return finish(sums);
    },
  };
}
