import { describe, expect, it } from "vitest";
import { maxSic } from "@/scoring/metrics/sic";

describe("maxSic", () => {
  const scores = Float64Array.from([0.9, 0.6, 0.8, 0.5, 0.4, 0.3]);
  const labels = Uint8Array.from([1, 1, 0, 0, 0, 0]);

  it("follows the worked example", () => {
    const r = maxSic(scores, labels, null, { minBackground: 1 });
    expect(r).toEqual({ sic: 2, epsS: 1, epsB: 0.25, threshold: 0.6 });
  });

  it("ignores cuts with fewer background events than the minimum", () => {
    const r = maxSic(scores, labels, null, { minBackground: 2 });
    expect(r.sic).toBeCloseTo(1 / Math.sqrt(0.5), 15);
    expect(r.threshold).toBe(0.5);
    expect(maxSic(scores, labels, null, { minBackground: 5 }).sic).toBeNaN();
  });

  it("defaults to a minimum of 25 background events", () => {
    const n = 100;
    const s = Float64Array.from({ length: n }, (_, i) => n - i);
    const l = Uint8Array.from({ length: n }, (_, i) => (i < 10 ? 1 : 0));
    // All signal on top: best cut is the first that keeps 25 background events: ε_S 1, ε_B 25/90.
    expect(maxSic(s, l, null).sic).toBeCloseTo(1 / Math.sqrt(25 / 90), 14);
  });
});
