import { describe, expect, it } from "vitest";
import { bootstrapStd } from "@/scoring/metrics/bootstrap";
import { createRng, uniformIndex } from "@/scoring/prng";

describe("createRng (xoshiro128** seeded by splitmix32)", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
  });

  it("draws indices roughly uniformly", () => {
    const next = createRng(1);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[uniformIndex(next, 10)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });
});

describe("bootstrapStd", () => {
  const rows = Int32Array.from({ length: 100 }, (_, i) => i);

  it("is 0 for a metric that does not depend on the resample", () => {
    expect(bootstrapStd(rows, 100, (m) => m.reduce((a, b) => a + b, 0), { resamples: 20 })).toBe(0);
  });

  it("estimates the standard error of a mean (≈ √(0.25/100) = 0.05) and is reproducible", () => {
    const values = Float64Array.from(rows, (i) => i % 2);
    const mean = (m: Float64Array) => {
      let s = 0;
      for (let i = 0; i < 100; i++) s += m[i]! * values[i]!;
      return s / 100;
    };
    const std = bootstrapStd(rows, 100, mean, { resamples: 400, seed: 3 });
    expect(std).toBeGreaterThan(0.04);
    expect(std).toBeLessThan(0.06);
    expect(bootstrapStd(rows, 100, mean, { resamples: 400, seed: 3 })).toBe(std);
    expect(bootstrapStd(rows, 100, mean, { resamples: 400, seed: 4 })).not.toBe(std);
  });

  it("only draws rows of the subset", () => {
    const subset = Int32Array.from([3, 7]);
    bootstrapStd(subset, 10, (m) => {
      expect(m[3]! + m[7]!).toBe(2);
      return 0;
    }, { resamples: 5 });
  });
});
