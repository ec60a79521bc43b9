import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { describeSeed, keyFromHex, keyToHex, Random } from "@/challenges/shared/random";

/** The first `n` words of the raw ChaCha20 keystream of (key, counter, nonce), from OpenSSL: the reference. */
function opensslWords(key: Uint8Array, n: number, counter = 0, nonce = Buffer.alloc(12)): number[] {
  const iv = Buffer.concat([Buffer.alloc(4), nonce]);
  iv.writeUInt32LE(counter, 0);
  const bytes = createCipheriv("chacha20", key, iv).update(Buffer.alloc(4 * n));
  return Array.from({ length: n }, (_, i) => bytes.readUInt32LE(4 * i));
}

const draw = (r: Random, n: number) => Array.from({ length: n }, () => r.nextUint32());
/** Bits that differ between two word sequences. */
function bitsDiffering(a: number[], b: number[]): number {
  let bits = 0;
  for (let i = 0; i < a.length; i++) for (let x = (a[i]! ^ b[i]!) >>> 0; x; x &= x - 1) bits++;
  return bits;
}

describe("Random (ChaCha20 keystream under a 256-bit key)", () => {
  it("is the RFC 8439 keystream of its key with nonce 0, counter 0 up (checked against OpenSSL over 3 blocks)", () => {
    const key = randomBytes(32);
    expect(draw(new Random(key), 48)).toEqual(opensslWords(key, 48));
  });

  it("maps a typed seed to its documented key, so typed seeds are reproducible by anyone", () => {
    const key = new Uint8Array(32);
    key.set([42, 0, 0, 0, 0, 0, 0, 0, 0x64, 0x65, 0x65, 0x73]); // [42, 0, "seed"] as little-endian words
    expect(draw(new Random(42), 20)).toEqual(draw(new Random(key), 20));
    const big = new Random(2 ** 40 + 5);
    key.set([5, 0, 0, 0, 0, 1, 0, 0]);
    expect(draw(big, 4)).toEqual(opensslWords(key, 4));
  });

  it("pins the first outputs of seeded and forked generators", () => {
    expect(draw(new Random(42), 5)).toEqual([826681032, 734439468, 1793290253, 3622032601, 1119168038]);
    expect(draw(new Random(42).fork(7), 3)).toEqual([1241826115, 1016703319, 1233320312]);
    expect(draw(new Random(2 ** 40 + 5), 2)).toEqual([1329120865, 1708953761]);
    const n = new Random(1);
    expect(n.normal()).toBeCloseTo(-0.6498249592387815, 12);
    expect(n.normal()).toBeCloseTo(-1.4734879570894737, 12);
    expect(new Random(42).hashIndex(3)).toBe(390142599);
  });

  it("forks independently of how many numbers the parent drew; forkKey is the fork's key", () => {
    const a = new Random(9);
    const b = new Random(9);
    for (let i = 0; i < 10; i++) b.uniform();
    expect(a.fork(3).nextUint32()).toBe(b.fork(3).nextUint32());
    expect(a.fork(3).nextUint32()).not.toBe(a.fork(4).nextUint32());
    expect(draw(new Random(a.forkKey(5)), 40)).toEqual(draw(a.fork(5), 40));
    expect(b.hashIndex(77)).toBe(a.hashIndex(77));
  });

  it("gives unrelated streams for keys one bit apart, and for sibling forks (about half the bits differ)", () => {
    const key = randomBytes(32);
    const words = draw(new Random(key), 64);
    for (const bit of [0, 7, 100, 255]) {
      const flipped = Uint8Array.from(key);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      // 2048 bits: a fair coin per bit puts the count within 1024 ± 5σ (σ = 22.6).
      expect(Math.abs(bitsDiffering(words, draw(new Random(flipped), 64)) - 1024)).toBeLessThan(114);
    }
    const root = new Random(key);
    expect(Math.abs(bitsDiffering(draw(root.fork(1), 64), draw(root.fork(2), 64)) - 1024)).toBeLessThan(114);
  });

  it("stores keys as 64 hex digits and never describes one in a manifest", () => {
    const key = randomBytes(32);
    expect(keyFromHex(keyToHex(key))).toEqual(Uint8Array.from(key));
    expect(() => keyFromHex("abc")).toThrow(RangeError);
    expect(describeSeed(7)).toBe(7);
    expect(describeSeed(key)).toBe("secret key");
  });

  it("rejects invalid seeds and parameters", () => {
    expect(() => new Random(-1)).toThrow(RangeError);
    expect(() => new Random(1.5)).toThrow(RangeError);
    expect(() => new Random(new Uint8Array(31))).toThrow(RangeError);
    expect(() => new Random(1).poisson(31)).toThrow(RangeError);
    expect(() => new Random(1).choiceIndex([0, 0])).toThrow(RangeError);
    expect(() => new Random(1).fork(-1)).toThrow(RangeError);
  });

  it("has sane moments for uniform, normal, exponential and poisson", () => {
    const r = new Random(123);
    const n = 20000;
    const mean = (draw: () => number): [number, number] => {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const x = draw();
        s += x;
        s2 += x * x;
      }
      return [s / n, s2 / n - (s / n) ** 2];
    };
    const [um, uv] = mean(() => r.uniform());
    expect(um).toBeCloseTo(0.5, 1);
    expect(uv).toBeCloseTo(1 / 12, 2);
    const [nm, nv] = mean(() => r.normal(2, 3));
    expect(Math.abs(nm - 2)).toBeLessThan(0.1);
    expect(Math.abs(nv - 9)).toBeLessThan(0.4);
    const [em] = mean(() => r.exponential(4));
    expect(Math.abs(em - 4)).toBeLessThan(0.15);
    const [pm, pv] = mean(() => r.poisson(3.5));
    expect(Math.abs(pm - 3.5)).toBeLessThan(0.1);
    expect(Math.abs(pv - 3.5)).toBeLessThan(0.2);
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) counts[r.choiceIndex([1, 0, 3])]! += 1;
    expect(counts[1]).toBe(0);
    expect((counts[2] as number) / n).toBeCloseTo(0.75, 1);
    expect(["a", "b"]).toContain(r.choice(["a", "b"]));
  });
});
