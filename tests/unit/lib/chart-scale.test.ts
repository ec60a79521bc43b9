import { describe, expect, it } from "vitest";
import { histogram, niceScale, niceStep, offAxisLine } from "@/lib/chart-scale";

describe("niceStep", () => {
  it("is 1, 2 or 5 times a power of ten", () => {
    expect(niceStep(0.696, 5)).toBe(0.2);
    expect(niceStep(25.8, 5)).toBe(10);
    expect(niceStep(9.56, 5)).toBe(2);
    expect(niceStep(3, 5, true)).toBe(1);
  });
});

describe("niceScale", () => {
  it("ends on nice ticks that cover the data (no 0.696 or -4.78 labels)", () => {
    expect(niceScale([0.104, 0.8])).toEqual({ domain: [0, 0.8], ticks: [0, 0.2, 0.4, 0.6, 0.8], decimals: 1 });
    expect(niceScale([-4.78, 21])).toEqual({ domain: [-10, 30], ticks: [-10, 0, 10, 20, 30], decimals: 0 });
  });

  it("gives a count axis integer ticks, never 1.25 submissions", () => {
    expect(niceScale([1, 2, 3, 4], { integer: true })!.ticks).toEqual([1, 2, 3, 4]);
    expect(niceScale([1, 2], { integer: true })!.ticks).toEqual([1, 2]);
    expect(niceScale([0, 3], { integer: true, maxTicks: 5 })!.ticks.every(Number.isInteger)).toBe(true);
  });

  it("clamps to hard bounds (a fraction stops at 1)", () => {
    expect(niceScale([0.5, 0.97], { bounds: [0, 1] })!.domain).toEqual([0.5, 1]);
  });

  it("handles no point, one point and a flat series", () => {
    expect(niceScale([])).toBeNull();
    expect(niceScale([2.39])).toMatchObject({ domain: [2.1, 2.7] });
    expect(niceScale([0, 0])!.domain).toEqual([-1, 1]);
    expect(niceScale([3], { integer: true })).toMatchObject({ domain: [0, 4], ticks: [0, 1, 2, 3, 4] });
  });
});

describe("histogram", () => {
  it("puts a single score in one bin around it, not in a range 2.89–21.9", () => {
    const h = histogram([2.39]);
    expect(h.counts.reduce((a, b) => a + b)).toBe(1);
    const bin = h.counts.findIndex((c) => c === 1);
    expect(Math.abs(h.centres[bin]! - 2.39)).toBeLessThanOrEqual(h.width / 2);
    expect(Math.min(...h.centres)).toBeGreaterThan(2);
    expect(Math.max(...h.centres)).toBeLessThan(2.8);
  });

  it("counts every value once, on nice bin edges", () => {
    const values = [0.1, 0.15, 0.42, 0.5, 0.99];
    const h = histogram(values);
    expect(h.counts.reduce((a, b) => a + b)).toBe(values.length);
    expect([0.05, 0.1, 0.2]).toContain(h.width);
  });

  it("keeps +∞, −∞ and NaN out of the bins and counts them apart; the bins cover the finite scores only", () => {
    const finite = [1.2, 1.9, 2.4, 3.1];
    const h = histogram([...finite, Infinity, Infinity, -Infinity, NaN]);
    const plain = histogram(finite);
    expect(h.counts).toEqual(plain.counts);
    expect(h.centres).toEqual(plain.centres);
    expect(h.counts.reduce((a, b) => a + b)).toBe(finite.length);
    expect(h.offAxis).toEqual({ positiveInfinity: 2, negativeInfinity: 1, nan: 1 });
    expect(plain.offAxis).toEqual({ positiveInfinity: 0, negativeInfinity: 0, nan: 0 });
  });

  it("draws no bins when no score is finite, and still counts them", () => {
    const h = histogram([Infinity, NaN]);
    expect(h.counts).toEqual([]);
    expect(h.offAxis).toEqual({ positiveInfinity: 1, negativeInfinity: 0, nan: 1 });
  });
});

describe("offAxisLine", () => {
  it("names each kind of non-finite value with its count, and nothing when there is none", () => {
    expect(offAxisLine({ positiveInfinity: 1, negativeInfinity: 0, nan: 2 }, "team")).toBe("∞: 1 team; not a number: 2 teams");
    expect(offAxisLine({ positiveInfinity: 0, negativeInfinity: 3, nan: 0 }, "entry", "entries")).toBe("−∞: 3 entries");
    expect(offAxisLine({ positiveInfinity: 0, negativeInfinity: 0, nan: 0 }, "team")).toBeNull();
  });
});
