/**
 * Seeded pseudo-random numbers shared by every simulated challenge: the project's xoshiro128** generator
 * (scoring/prng.ts, which holds the specification of the core and its seeding) with the distributions a
 * simulator needs.
 *
 * Specification (pinned by unit tests, so datasets are reproducible forever), beyond the core's:
 * - uniform(): next uint32 * 2^-32, i.e. [0, 1) with 32-bit resolution.
 * - normal(): Box–Muller using both outputs (the sine branch is cached for the next call).
 * - fork(streamId): an independent generator whose seed words derive only from this
 *   generator's seed and the stream id, never from how many numbers were drawn, so
 *   adding draws to one stream never shifts another.
 */
import { mix32, seedKey, Xoshiro128 } from "../../scoring/prng";

const TWO_POW_32 = 4294967296;
const INV_TWO_POW_32 = 1 / TWO_POW_32;
const TWO_PI = 2 * Math.PI;

export class Random extends Xoshiro128 {
  /** Key from which forks derive; independent of the draw position. */
  private readonly key: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    const key = seedKey(seed);
    super(key);
    this.key = key;
  }

  /**
   * A generator started from raw xoshiro128** state words (not all zero), to check
   * the core against the reference implementation's published outputs.
   */
  static fromState(s0: number, s1: number, s2: number, s3: number): Random {
    const r = new Random(0);
    r.setState(s0, s1, s2, s3);
    return r;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextUint32() * INV_TWO_POW_32;
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Standard normal (Box–Muller, both outputs used), scaled to mean/sd. */
  normal(mean = 0, sd = 1): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return mean + sd * this.spare;
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const r = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const theta = TWO_PI * this.uniform();
    this.spare = r * Math.sin(theta);
    this.hasSpare = true;
    return mean + sd * r * Math.cos(theta);
  }

  /** Exponential with the given mean (inverse transform). */
  exponential(mean = 1): number {
    return -mean * Math.log(1 - this.uniform());
  }

  /**
   * Poisson by Knuth's multiplication method: exact, O(mean) draws, so only
   * for small means (<= 30); larger means are refused rather than silently slow.
   */
  poisson(mean: number): number {
    if (!(mean >= 0 && mean <= 30)) throw new RangeError(`poisson mean must be in [0, 30], got ${mean}`);
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k++;
      p *= this.uniform();
    }
    return k;
  }

  /** Index drawn with probability proportional to non-negative `weights`. */
  choiceIndex(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i] ?? 0;
    if (!(total > 0)) throw new RangeError("choiceIndex needs a positive total weight");
    let target = this.uniform() * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i] ?? 0;
      if (target < 0) return i;
    }
    // Rounding can leave target at ~0 after the loop: return the last positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i;
    return weights.length - 1;
  }

  /** A uniformly random permutation of 0..n-1 (Fisher–Yates, from the last position down). */
  permutation(n: number): Int32Array {
    const order = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.uniform() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    return order;
  }

  /** One element of a non-empty array, uniformly. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("choice needs a non-empty array");
    return items[Math.floor(this.uniform() * items.length)] as T;
  }

  /** Independent stream `streamId` (a uint32) of this generator's seed. */
  fork(streamId: number): Random {
    if (!Number.isInteger(streamId) || streamId < 0 || streamId >= TWO_POW_32) {
      throw new RangeError(`streamId must be a uint32, got ${streamId}`);
    }
    const lo = mix32(this.key ^ mix32(streamId + 0x632be5ab));
    return new Random(lo);
  }
}
