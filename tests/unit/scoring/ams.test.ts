import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ams, amsFromSelection } from "@/scoring/metrics/ams";

describe("ams", () => {
  it("matches the 2014 organisers' golden values (TMVA benchmark, public and private)", () => {
    expect(ams(217.039443378, 4379.2523956)).toBeCloseTo(3.249539166776, 11);
    expect(ams(212.848603705, 4345.089289)).toBeCloseTo(3.199564894562, 11);
  });

  it("matches the worked example and hand-computed values", () => {
    // sqrt(2((10 + 90 + 10) ln(1.1) − 10))
    expect(ams(10, 90)).toBeCloseTo(Math.sqrt(2 * (110 * Math.log(1.1) - 10)), 12);
    expect(ams(10, 90)).toBeCloseTo(0.98399164475694, 12);
    // s = 1, b = 0: sqrt(2(11 ln 1.1 − 1))
    expect(ams(1, 0)).toBeCloseTo(0.31116547960072, 12);
    expect(ams(0, 123)).toBe(0);
    expect(ams(5, 0, 0)).toBe(Infinity);
  });

  it("rises with s at fixed b", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (s, ds, b) => {
          expect(ams(s + ds, b)).toBeGreaterThan(ams(s, b));
        },
      ),
    );
  });

  it("amsFromSelection sums weights of selected events per class within the subset's rows", () => {
    const labels = Uint8Array.from([1, 0, 1, 0, 1]);
    const weights = Float64Array.from([1, 2, 4, 8, 16]);
    const selected = Uint8Array.from([1, 1, 0, 1, 1]);
    const rows = Int32Array.from([0, 1, 2, 4]);
    const r = amsFromSelection(labels, weights, selected, rows);
    expect(r.s).toBe(17);
    expect(r.b).toBe(2);
    expect(r.ams).toBe(ams(17, 2));
    expect(amsFromSelection(labels, weights, selected).b).toBe(10);
  });
});
