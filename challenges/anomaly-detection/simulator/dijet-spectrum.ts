/**
 * The QCD dijet invariant-mass spectrum of the LHC searches (CMS/ATLAS "dijet function"),
 * f(x) ∝ (1 − x)^p1 / x^(p2 + p3 ln x) with x = mjj / √s, sampled by inverse CDF: the CDF is tabulated once per
 * configuration on a uniform mjj grid (trapezoidal rule), and a uniform u is inverted by binary search for the
 * grid cell and linear interpolation inside it (so the density is piecewise constant between grid points, an
 * error far below the statistical one for 4096 points).
 *
 * Worked example: √s = 13 TeV, p = (5, 3.32, 0), window [3300, 3700] GeV: f(3325)/f(3675) = 1.676, as the real signal
 * region's 9,451 / 5,676 = 1.665 events in its first / last 50 GeV bins; u = 0.5 gives mjj = 3470.8 GeV (real
 * median 3471.6).
 */
import type { DijetShape } from "./params";

/** Unnormalised density at mjj. */
export function dijetDensity(mjj: number, sqrtS: number, { p1, p2, p3 }: DijetShape): number {
  const x = mjj / sqrtS;
  const lnx = Math.log(x);
  return Math.exp(p1 * Math.log1p(-x) - (p2 + p3 * lnx) * lnx);
}

export interface TabulatedSpectrum {
  /** Grid of mjj values, increasing. */
  mjj: Float64Array;
  /** CDF at each grid point: 0 at the first, 1 at the last. */
  cdf: Float64Array;
}

export function tabulateDijet(sqrtS: number, range: readonly [number, number], shape: DijetShape, points: number): TabulatedSpectrum {
  const [lo, hi] = range;
  const step = (hi - lo) / (points - 1);
  const mjj = Float64Array.from({ length: points }, (_, i) => lo + i * step);
  const cdf = new Float64Array(points);
  let previous = dijetDensity(lo, sqrtS, shape);
  for (let i = 1; i < points; i++) {
    const density = dijetDensity(mjj[i]!, sqrtS, shape);
    cdf[i] = cdf[i - 1]! + 0.5 * (previous + density) * step;
    previous = density;
  }
  const total = cdf[points - 1]!;
  if (!(total > 0 && Number.isFinite(total)))
    throw new RangeError("the dijet function does not integrate to a positive finite value on the window");
  for (let i = 1; i < points; i++) cdf[i] = cdf[i]! / total;
  return { mjj, cdf };
}

/** The mjj whose tabulated CDF is u (u in [0, 1)). */
export function invertSpectrum({ mjj, cdf }: TabulatedSpectrum, u: number): number {
  // Largest i with cdf[i] <= u; cdf is strictly increasing since the density is positive inside (0, √s).
  let lo = 0;
  let hi = cdf.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! <= u) lo = mid;
    else hi = mid;
  }
  const c0 = cdf[lo]!;
  const m0 = mjj[lo]!;
  return m0 + ((u - c0) / (cdf[hi]! - c0)) * (mjj[hi]! - m0);
}
