import { describe, expect, it } from "vitest";
import { Random } from "@/challenges/shared/random";
import { MASS_SCULPTING_THRESHOLD, massSculpting } from "@/scoring/metrics/mass-sculpting";

describe("massSculpting: hand-computed cases", () => {
  it("score = mass, 4 events in 2 bins: 0.09375 (the doc's worked example), failed", () => {
    expect(massSculpting([1, 2, 3, 4], [1, 2, 3, 4], { bins: 2 })).toEqual({ statistic: 0.09375, threshold: 0.002, passed: false });
  });

  it("scores {1, 3} and {2, 4} in the two mass bins: 0.03125", () => {
    expect(massSculpting([1, 2, 3, 4], [1, 4, 2, 3], { bins: 2 }).statistic).toBe(0.03125);
  });

  it("a score that is a decreasing function of mass is as sculpted as an increasing one", () => {
    expect(massSculpting([4, 3, 2, 1], [1, 2, 3, 4], { bins: 2 }).statistic).toBe(0.09375);
  });

  it("weights bins by population: 3 events in 2 bins (sizes 1 and 2)", () => {
    // Bin 0 holds the lightest event (score 1), bin 1 the others (scores 2, 3). F at the scores: ⅓, ⅔, 1.
    // Bin 0: F_0 = [1, 1, 1] → D_0 = ((⅔)² + (⅓)² + 0)/3 = 5/27. Bin 1: F_1 = [0, ½, 1] → D_1 = ((⅓)² + (⅙)² + 0)/3 = 5/108.
    // Statistic = ⅓ · 5/27 + ⅔ · 5/108 = 5/81 + 5/162 = 15/162.
    expect(massSculpting([1, 2, 3], [1, 2, 3], { bins: 2 }).statistic).toBeCloseTo(15 / 162, 15);
  });

  it("treats tied scores as one step: a constant score is perfectly flat", () => {
    expect(massSculpting([0.5, 0.5, 0.5, 0.5], [1, 2, 3, 4], { bins: 2 })).toEqual({ statistic: 0, threshold: 0.002, passed: true });
    // Ties inside one bin only: scores [1, 1, 2, 2] with masses in order; both bins constant, unlike the global CDF.
    // F at the scores: ½, ½, 1, 1. Bin 0 (1, 1): F_0 = [1, 1, 1, 1] → D_0 = (¼ + ¼)/4 = ⅛; bin 1 mirrors → ⅛.
    expect(massSculpting([1, 1, 2, 2], [1, 2, 3, 4], { bins: 2 }).statistic).toBe(0.125);
  });

  it("one bin compares the sample with itself: 0", () => {
    expect(massSculpting([3, 1, 2], [1, 2, 3], { bins: 1 }).statistic).toBe(0);
  });

  it("does not depend on the order of the events", () => {
    const a = massSculpting([0.1, 0.7, 0.3, 0.9, 0.5, 0.2], [5, 1, 4, 2, 6, 3], { bins: 3 });
    const b = massSculpting([0.2, 0.5, 0.9, 0.3, 0.7, 0.1], [3, 6, 2, 4, 1, 5], { bins: 3 });
    expect(a.statistic).toBe(b.statistic);
  });

  it("refuses unusable input with the reason", () => {
    expect(() => massSculpting([1, 2], [1], {})).toThrow(/differ in length/);
    expect(() => massSculpting([1, 2, 3], [1, 2, 3], { bins: 4 })).toThrow(/cannot fill 4 mass bins/);
    expect(() => massSculpting([1, NaN], [1, 2], { bins: 1 })).toThrow(/control event 1/);
    expect(() => massSculpting([1, 2], [1, 2], { bins: 0 })).toThrow(/positive integer/);
  });
});

describe("massSculpting: the gate on 50,000 control events", () => {
  const rng = new Random(11);
  const n = 50_000;
  const mass = Float64Array.from({ length: n }, () => 2800 + 2700 * rng.uniform());

  it("passes a score independent of mass (noise ≈ 1/(6 · 2500))", () => {
    const scores = Float64Array.from({ length: n }, () => rng.normal());
    const result = massSculpting(scores, mass);
    expect(result.passed).toBe(true);
    expect(result.statistic).toBeGreaterThan(0.2 / (6 * 2500));
    expect(result.statistic).toBeLessThan(3 / (6 * 2500));
  });

  it("fails score = mjj with 0.158 in 20 bins", () => {
    const result = massSculpting(mass, mass);
    expect(result.passed).toBe(false);
    // Continuum limit: mean over bins [a, a + w] of (a³ + (1 − a − w)³) / (3(1 − w)), w = 1/20.
    let expected = 0;
    for (let k = 0; k < 20; k++) expected += (k / 20) ** 3 / (3 * 0.95) + (1 - (k + 1) / 20) ** 3 / (3 * 0.95);
    expect(result.statistic).toBeCloseTo(expected / 20, 4);
    expect(result.statistic).toBeCloseTo(0.158, 3);
  });

  it("fails a mildly sculpting score (mass explains 6% of its variance) and passes a faint one (0.04%)", () => {
    const noise = Float64Array.from({ length: n }, () => rng.normal());
    const shifted = (strength: number) => Float64Array.from(noise, (z, i) => z + strength * ((mass[i]! - 4150) / 780));
    expect(massSculpting(shifted(0.25), mass).passed).toBe(false);
    expect(massSculpting(shifted(0.02), mass).passed).toBe(true);
    expect(MASS_SCULPTING_THRESHOLD).toBe(0.002);
  });
});
