/**
 * The project's one seeded PRNG, for reproducible bootstraps here and simulated datasets in challenges/
 * (whose Random builds on it). Math.random cannot be seeded, and leaderboard uncertainties and datasets must be
 * the same on every run.
 *
 * Specification (outputs pinned by tests/unit/challenges/random.test.ts):
 * - Generator: xoshiro128** 1.1 (Blackman & Vigna, 2018), 128-bit state of four uint32 words, period 2^128 − 1.
 * - Seeding: the seed (an integer 0 <= seed < 2^53) is folded to a uint32 key
 *   `lo ^ mix32(hi ^ 0x5bd1e995)` (lo = seed mod 2^32, hi = floor(seed / 2^32)); the four state words are the
 *   next four outputs of splitmix32 started at the key (Wellons' "hash prospector" constants 0x21f0aaad,
 *   0x735a2d97), so nearby seeds give unrelated streams.
 */

const TWO_POW_32 = 4294967296;

/** splitmix32 finaliser: a bijective avalanche mix of one uint32. */
export function mix32(x: number): number {
  let z = x >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** The uint32 key of a seed (see the specification); throws RangeError unless 0 <= seed < 2^53 is an integer. */
export function seedKey(seed: number): number {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be an integer in [0, 2^53), got ${seed}`);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_POW_32) >>> 0;
  return (lo ^ mix32(hi ^ 0x5bd1e995)) >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** xoshiro128** started from a seed key. */
export class Xoshiro128 {
  /** The raw state (int32 words), public so that hot loops can run the step on local copies and store them back. */
  s0: number;
  s1: number;
  s2: number;
  s3: number;

  constructor(key: number) {
    let state = key >>> 0;
    const next = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      return mix32(state) | 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** Replaces the state with raw words (not all zero), e.g. to check against the reference implementation. */
  setState(s0: number, s1: number, s2: number, s3: number): void {
    if ((s0 | s1 | s2 | s3) === 0) throw new RangeError("xoshiro128** state must not be all zero");
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /** Next raw output, an unsigned 32-bit integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }
}

/** A generator of uniform 32-bit unsigned integers for `seed` (an integer in [0, 2^53)). */
export function createRng(seed: number): () => number {
  const generator = new Xoshiro128(seedKey(seed));
  return () => generator.nextUint32();
}
