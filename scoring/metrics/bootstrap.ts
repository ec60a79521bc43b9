/**
 * Bootstrap standard deviation of any metric by the Poisson bootstrap: each resample gives every event an
 * independent Poisson(1) multiplicity (how often it is "drawn") instead of drawing exactly n events with
 * replacement (the multinomial bootstrap). For the n of a leaderboard (thousands to millions of events) the two
 * give the same standard errors to well under their own noise: a multinomial count is Binomial(n, 1/n), whose
 * limit is Poisson(1), and only the resample size, fixed at n there, fluctuates here (by ~√n, which metrics
 * defined as ratios, such as AUC, efficiencies and means, do not see at all). In exchange each multiplicity is
 * drawn on its own, in any order, so a metric can lay its events out once (sorted, selected) and take one
 * sequential O(n) pass per resample, and events that cannot change the metric need no draw.
 * Seeded (xoshiro128**), so the figure is the same on every run.
 *
 * Worked example: a metric that returns the multiplicity-weighted mean of a constant column is always that
 * constant, so its std is 0; the weighted mean of a 0/1 column of 100 rows, half ones, has a bootstrap std close
 * to √(0.25/100) = 0.05.
 */
import { seedKey, Xoshiro128 } from "../prng";

export interface BootstrapOptions {
  /** Number of resamples (default 200). */
  resamples?: number;
  /** PRNG seed (default 0). */
  seed?: number;
}

/**
 * Poisson(1) by inversion of a uniform 16-bit draw h (each generator output gives two), read from a 64 KiB table:
 * the multiplicity is the smallest k with P(X ≤ k) > (h + ½)/2^16. Every probability is within 2^-16 of
 * Poisson(1)'s (P(0) = 0.367874 for 0.367879; 8 is the largest value): invisible under the noise of a few hundred
 * resamples, and half the generator work of 32-bit draws.
 */
const DRAWS: Uint8Array = (() => {
  const table = new Uint8Array(1 << 16);
  for (let h = 0; h < table.length; h++) {
    const u = (h + 0.5) / table.length;
    let k = 0;
    let term = Math.exp(-1);
    let cdf = term;
    while (cdf <= u) {
      k++;
      term /= k;
      cdf += term;
    }
    table[h] = k;
  }
  return table;
})();

/** Fills `out` with independent Poisson(1) draws. */
export function poissonMultiplicities(rng: Xoshiro128, out: Uint8Array): void {
  // Xoshiro128.nextUint32 on local copies of the state: this loop runs ~10^8 times per leaderboard bootstrap.
  let { s0, s1, s2, s3 } = rng;
  const n = out.length;
  for (let k = 0; k < n; k += 2) {
    const u = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    out[k] = DRAWS[u >>> 16]!;
    if (k + 1 < n) out[k + 1] = DRAWS[u & 0xffff]!;
  }
  rng.setState(s0, s1, s2, s3);
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * `count` events, each resample handing `metric` one multiplicity per event (in whatever order the caller laid
 * the events out). Returns the sample standard deviation (n − 1) of the metric over the resamples, ignoring
 * resamples where it is undefined (NaN); NaN if fewer than two are defined.
 */
export function bootstrapStd(count: number, metric: (multiplicity: Uint8Array) => number, opts: BootstrapOptions = {}): number {
  const resamples = opts.resamples ?? 200;
  const rng = new Xoshiro128(seedKey(opts.seed ?? 0));
  const multiplicity = new Uint8Array(count);
  let defined = 0;
  let mean = 0;
  let m2 = 0;
  for (let r = 0; r < resamples; r++) {
    poissonMultiplicities(rng, multiplicity);
    const value = metric(multiplicity);
    if (Number.isNaN(value)) continue;
    // Welford's update: stable for many resamples of nearly equal values.
    defined++;
    const delta = value - mean;
    mean += delta / defined;
    m2 += delta * (value - mean);
  }
  return defined < 2 ? NaN : Math.sqrt(m2 / (defined - 1));
}
