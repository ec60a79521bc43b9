/**
 * Seeded PRNG for reproducible bootstraps: xoshiro128** (Blackman & Vigna, 2018), a small, fast 32-bit generator
 * with period 2^128 − 1, its 128-bit state filled from the seed by splitmix32 (so nearby seeds give unrelated
 * streams). Math.random cannot be seeded, and leaderboard uncertainties must be the same on every run.
 */

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A generator of uniform 32-bit unsigned integers. */
export function createRng(seed: number): () => number {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Uniform integer in [0, n) by multiply-shift (Lemire) without rejection: the bias is below n / 2^32
 * (about 1e-4 for a million events), far under bootstrap noise.
 */
export function uniformIndex(next: () => number, n: number): number {
  return Math.floor((next() * n) / 4294967296);
}
