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
 * Two independent Poisson(1) multiplicities from one uniform 16-bit draw h (each generator output gives two draws, so
 * four multiplicities), read from a 128 KiB table of pairs: the 2^16 entries are shared out among the pairs (a, b) in
 * proportion to P(a)·P(b) (largest remainders), so each pair's probability is within 2^-16 of Poisson(1)²'s. The
 * marginals: P(0) = P(1) = 0.367874 for 0.367879, mean exactly 1, variance 0.99969 (7 is the largest value): the
 * bootstrap std scales with √variance, 1.5·10⁻⁴ low, far under the noise of a few hundred resamples; and a quarter of
 * the generator work of one 32-bit draw per multiplicity. Entry = a | b << 8.
 */
const PAIRS: Uint16Array = (() => {
  const size = 1 << 16;
  const largest = 12;
  const pmf: number[] = [];
  let term = Math.exp(-1);
  for (let k = 0; k <= largest; k++) {
    pmf.push(term);
    term /= k + 1;
  }
  const cells: { pair: number; count: number; remainder: number }[] = [];
  for (let a = 0; a <= largest; a++) {
    for (let b = 0; b <= largest; b++) {
      const share = pmf[a]! * pmf[b]! * size;
      cells.push({ pair: a | (b << 8), count: Math.floor(share), remainder: share - Math.floor(share) });
    }
  }
  const unassigned = size - cells.reduce((sum, c) => sum + c.count, 0);
  // Stable sort: equal remainders go in cell order, so the table is the same on every engine.
  for (const cell of [...cells].sort((x, y) => y.remainder - x.remainder).slice(0, unassigned)) cell.count++;
  const table = new Uint16Array(size);
  let at = 0;
  for (const { pair, count } of cells) {
    table.fill(pair, at, at + count);
    at += count;
  }
  return table;
})();

/**
 * Fills `out` with independent Poisson(1) draws, four per generator output (bytes in the platform's order, which
 * only permutes independent draws).
 */
export function poissonMultiplicities(rng: Xoshiro128, out: Uint8Array): void {
  const words = out.byteOffset % 4 === 0 ? out.length >>> 2 : 0;
  fillWords(rng, new Uint32Array(out.buffer, out.byteOffset, words));
  const last = new Uint32Array(1);
  for (let k = 4 * words; k < out.length; k++) {
    if ((k & 3) === 0) fillWords(rng, last);
    out[k] = (last[0]! >>> (8 * (k & 3))) & 0xff;
  }
}

/** Four multiplicities per word: xoshiro128**'s step (Xoshiro128.nextUint32) on local copies of the state. */
function fillWords(rng: Xoshiro128, out: Uint32Array): void {
  let { s0, s1, s2, s3 } = rng;
  for (let k = 0; k < out.length; k++) {
    const u = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    out[k] = PAIRS[u >>> 16]! | (PAIRS[u & 0xffff]! << 16);
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
  // Whole words, so that every draw is written four at a time; the metric sees the first `count`.
  const words = new Uint8Array(4 * Math.ceil(count / 4));
  const multiplicity = words.subarray(0, count);
  let defined = 0;
  let mean = 0;
  let m2 = 0;
  for (let r = 0; r < resamples; r++) {
    poissonMultiplicities(rng, words);
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
