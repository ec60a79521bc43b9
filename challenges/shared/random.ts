/**
 * Keyed pseudo-random numbers shared by every simulated challenge: the ChaCha20 keystream (RFC 8439,
 * challenges/shared/chacha20.ts) under a 256-bit key, with the distributions a simulator needs.
 *
 * Why a cipher and not a fast PRNG: a dataset's public files (ids, features) are a long sample of its generator's
 * output, so a generator with a small seed or a recoverable state lets anyone rebuild the private labels by search
 * (the attack that recovered a 2^31 seed). With 32 secret random bytes as the key, nothing published narrows it.
 *
 * Specification (pinned by unit tests, so datasets are reproducible for their key forever):
 * - A seed is either a key (32 bytes, from the server's CSPRNG; secret) or a typed integer 0 <= seed < 2^53,
 *   which stands for the key whose little-endian words are [seed mod 2^32, floor(seed / 2^32), 0x73656564, 0 …]
 *   (public: anyone who knows the integer rebuilds the data).
 * - Stream: the keystream of (key, nonce 0,0,0) from block counter 0, read as little-endian uint32 words.
 * - uniform(): next uint32 * 2^-32, i.e. [0, 1) with 32-bit resolution.
 * - normal(): Box–Muller using both outputs (the sine branch is cached for the next call).
 * - fork(streamId): a generator keyed by words 0–7 of the block (key, counter 0, nonce "fork", streamId, 0):
 *   it depends only on this generator's key and the stream id, never on how many numbers were drawn, so adding
 *   draws to one stream never shifts another; forks of forks stay 256-bit keyed.
 * - hashIndex(i): word 0 of the block (key, counter i, nonce "hash", 0, 0): a keyed hash of i, the same whatever
 *   was drawn.
 */
import { chachaBlock, KEY_BYTES, keyWords } from "./chacha20";

/** A simulation's seed: a secret 32-byte key, or a typed integer (reproducible by anyone who knows it). */
export type Seed = number | Uint8Array;

const TWO_POW_32 = 4294967296;
const INV_TWO_POW_32 = 1 / TWO_POW_32;
const TWO_PI = 2 * Math.PI;
/** Nonce word 0 of the blocks that derive fork keys ("fork") and keyed hashes ("hash"). */
const FORK_NONCE = 0x6b726f66;
const HASH_NONCE = 0x68736168;
/** Key word 2 of a typed seed ("seed"), so no typed seed's key is all zeros. */
const TYPED_SEED_TAG = 0x73656564;

/** The key words a typed integer seed stands for; throws RangeError unless 0 <= seed < 2^53 is an integer. */
function typedSeedWords(seed: number): Uint32Array {
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`seed must be an integer in [0, 2^53) or a ${KEY_BYTES}-byte key, got ${seed}`);
  return Uint32Array.of(seed >>> 0, Math.floor(seed / TWO_POW_32) >>> 0, TYPED_SEED_TAG, 0, 0, 0, 0, 0);
}

/** A key as 64 lowercase hex digits (how it is stored in a dataset's server-only secrets). */
export function keyToHex(key: Uint8Array): string {
  if (key.length !== KEY_BYTES) throw new RangeError(`a key is ${KEY_BYTES} bytes, got ${key.length}`);
  return Array.from(key, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The key of 64 hex digits; throws RangeError for anything else. */
export function keyFromHex(hex: string): Uint8Array {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new RangeError(`a key is 64 hex digits, got ${hex.length} characters`);
  return Uint8Array.from({ length: KEY_BYTES }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

/** The server-only secrets of a dataset made from `seed`: its key, so its owner can regenerate it; nothing for a typed seed. */
export function seedSecrets(seed: Seed): Record<string, string> {
  return typeof seed === "number" ? {} : { dataKey: keyToHex(seed) };
}

/** What a manifest may say about a seed: a typed integer as is (it is public anyway); never a key. */
export function describeSeed(seed: Seed): number | "secret key" {
  return typeof seed === "number" ? seed : "secret key";
}

export class Random {
  /** The eight key words; forks and hashes derive from them, never from the draw position. */
  private readonly key: Uint32Array;
  private readonly block = new Uint32Array(16);
  /** A block for hashIndex, which must not disturb the stream's buffered block. */
  private readonly scratch = new Uint32Array(16);
  /** Next unread word of `block` (16 = empty). */
  private pos = 16;
  private counter = 0;
  /** Nonce word 2, bumped when the 32-bit block counter wraps (after 256 GiB of one stream). */
  private wraps = 0;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: Seed) {
    this.key = typeof seed === "number" ? typedSeedWords(seed) : keyWords(seed);
  }

  /** A generator keyed directly by eight words (forks). */
  private static fromWords(words: Uint32Array): Random {
    const r = new Random(0);
    r.key.set(words);
    return r;
  }

  private refill(): void {
    chachaBlock(this.key, this.counter, 0, 0, this.wraps, this.block);
    this.counter = (this.counter + 1) >>> 0;
    if (this.counter === 0) this.wraps = (this.wraps + 1) >>> 0;
    this.pos = 0;
  }

  /** Next raw output, an unsigned 32-bit integer. */
  nextUint32(): number {
    if (this.pos === 16) this.refill();
    return this.block[this.pos++]!;
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

  /** Independent stream `streamId` (a uint32) of this generator's key. */
  fork(streamId: number): Random {
    return Random.fromWords(this.forkWords(streamId));
  }

  /** The 32-byte key of fork(streamId): to hand a sub-simulation its own secret seed. */
  forkKey(streamId: number): Uint8Array {
    const words = this.forkWords(streamId);
    return Uint8Array.from({ length: KEY_BYTES }, (_, i) => (words[i >> 2]! >>> (8 * (i & 3))) & 0xff);
  }

  /** A keyed hash of `index` (a uint32): unpredictable without the key, independent of the draw position. */
  hashIndex(index: number): number {
    chachaBlock(this.key, index >>> 0, HASH_NONCE, 0, 0, this.scratch);
    return this.scratch[0]!;
  }

  private forkWords(streamId: number): Uint32Array {
    if (!Number.isInteger(streamId) || streamId < 0 || streamId >= TWO_POW_32) {
      throw new RangeError(`streamId must be a uint32, got ${streamId}`);
    }
    const out = new Uint32Array(16);
    chachaBlock(this.key, 0, FORK_NONCE, streamId, 0, out);
    return out.subarray(0, 8);
  }
}
