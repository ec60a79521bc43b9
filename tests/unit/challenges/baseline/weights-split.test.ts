import { describe, expect, it } from "vitest";
import { EarlyStopping } from "@/challenges/shared/baseline/early-stopping";
import { stratifiedSplit } from "@/challenges/shared/baseline/split";
import { balancedWeights, renormaliseToTotals } from "@/challenges/shared/baseline/weights";
import { Random } from "@/challenges/shared/random";

describe("weights", () => {
  it("balances the classes to half the event count each (the doc example)", () => {
    expect(Array.from(balancedWeights(Uint8Array.of(1, 0, 0), [1, 2, 6]))).toEqual([1.5, 0.375, 1.125]);
  });

  it("renormalises each class to the given totals (the doc example)", () => {
    expect(Array.from(renormaliseToTotals(Uint8Array.of(1, 1, 0), [1, 3, 5], { signal: 8, background: 10 }))).toEqual([2, 6, 10]);
  });
});

describe("stratifiedSplit", () => {
  const labels = Uint8Array.of(1, 0, 0, 0, 1, 0, 0, 0, 0, 0);

  it("takes the same share of each class (the doc example)", () => {
    const { train, validation } = stratifiedSplit(labels, 0.25, new Random(1));
    expect(validation.length).toBe(3);
    expect(Array.from(validation).filter((i) => labels[i] === 1)).toHaveLength(1);
    expect([...train, ...validation].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(validation)).toEqual([...validation].sort((a, b) => a - b));
  });

  it("is a function of the seed", () => {
    const a = stratifiedSplit(labels, 0.3, new Random(7));
    expect(stratifiedSplit(labels, 0.3, new Random(7))).toEqual(a);
    // Pinned: a change to the draw order would silently change every baseline's validation set.
    expect(Array.from(a.validation)).toEqual([4, 5, 6]);
  });

  it("refuses a fraction outside (0, 1)", () => {
    expect(() => stratifiedSplit(labels, 1, new Random(1))).toThrow(/validation fraction must be in \(0, 1\), got 1/);
  });
});

describe("EarlyStopping", () => {
  it("stops after `patience` epochs without improvement and remembers the best (the doc example)", () => {
    const stop = new EarlyStopping(2);
    const decisions = [0.5, 0.4, 0.41, 0.39, 0.45, 0.46].map((loss, i) => stop.update(loss, i + 1));
    expect(decisions).toEqual(["improved", "improved", "continue", "improved", "continue", "stop"]);
    expect(stop.bestEpoch).toBe(4);
    expect(stop.best).toBe(0.39);
  });
});
