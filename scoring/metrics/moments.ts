/**
 * The bootstrap pass of the metrics of a weighted spread (R²'s denominator, the mass resolution): Σ m·w, Σ m·w·d and
 * Σ m·w·d² over a resample, with d = x − c for one fixed centre c (the whole subset's weighted mean). Shifting by a
 * fixed value changes no spread mathematically, and centring first keeps Σ w·d² − (Σ w·d)²/Σ w, the spread around the
 * resample's own mean, free of the cancellation of raw moments.
 *
 * Worked example: x [1, 2, 3], weights [1, 1, 2], centre 9/4: d [−1.25, −0.25, 0.75]; with multiplicities [1, 1, 1]
 * Σ w = 4, Σ w·d = 0, Σ w·d² = 1.5625 + 0.0625 + 2·0.5625 = 2.75, spread 2.75; with [0, 1, 1], Σ w = 3,
 * Σ w·d = 1.25, Σ w·d² = 1.1875, spread 1.1875 − 1.25²/3 = 0.66667 (that of [2, 3] with weights [1, 2] around 8/3).
 */

export interface Moments {
  total: number;
  sumD: number;
  sumD2: number;
}

/** Σ w (x − x̄)² from the moments around any centre (x̄ the weighted mean of the same events). */
export function spreadOf({ total, sumD, sumD2 }: Moments): number {
  return sumD2 - (sumD * sumD) / total;
}

/** d = values − centre. */
export function centred(values: ArrayLike<number>, centre: number): Float64Array {
  const d = new Float64Array(values.length);
  for (let i = 0; i < d.length; i++) d[i] = values[i]! - centre;
  return d;
}

/** The moments of one resample (each event counted multiplicity times) into `out`. */
export function resampledMoments(multiplicity: Uint8Array, weights: Float64Array, d: Float64Array, out: Moments): Moments {
  let total = 0;
  let sumD = 0;
  let sumD2 = 0;
  for (let i = 0; i < multiplicity.length; i++) {
    const w = multiplicity[i]! * weights[i]!;
    const x = d[i]!;
    total += w;
    sumD += w * x;
    sumD2 += w * x * x;
  }
  out.total = total;
  out.sumD = sumD;
  out.sumD2 = sumD2;
  return out;
}
