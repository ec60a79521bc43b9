import { describe, expect, it } from "vitest";
import { Random } from "@/challenges/shared/random";

describe("Random (xoshiro128** + splitmix32 seeding)", () => {
  it("matches the reference xoshiro128** outputs for state {1, 2, 3, 4}", () => {
    const r = Random.fromState(1, 2, 3, 4);
    expect(Array.from({ length: 6 }, () => r.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it("pins the first outputs of seeded and forked generators", () => {
    const r = new Random(42);
    expect(Array.from({ length: 5 }, () => r.nextUint32())).toEqual([3677897481, 93969352, 3734995561, 1649850020, 865181806]);
    const f = new Random(42).fork(7);
    expect(Array.from({ length: 3 }, () => f.nextUint32())).toEqual([2915153762, 3379990435, 702160747]);
    const big = new Random(2 ** 40 + 5);
    expect([big.nextUint32(), big.nextUint32()]).toEqual([125921919, 3995279562]);
    const n = new Random(1);
    expect(n.normal()).toBeCloseTo(1.1720001993848, 12);
    expect(n.normal()).toBeCloseTo(-1.103950785341966, 12);
  });

  it("forks independently of how many numbers the parent drew", () => {
    const a = new Random(9);
    const b = new Random(9);
    for (let i = 0; i < 10; i++) b.uniform();
    expect(a.fork(3).nextUint32()).toBe(b.fork(3).nextUint32());
    expect(a.fork(3).nextUint32()).not.toBe(a.fork(4).nextUint32());
  });

  it("rejects invalid seeds and parameters", () => {
    expect(() => new Random(-1)).toThrow(RangeError);
    expect(() => new Random(1.5)).toThrow(RangeError);
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
