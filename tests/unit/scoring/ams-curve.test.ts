import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ams } from "@/scoring/metrics/ams";
import { amsCurve } from "@/scoring/metrics/ams-curve";
import { signedWeights } from "@/scoring/metrics/ranking";

describe("amsCurve", () => {
  it("follows the worked example: events taken by decreasing RankOrder", () => {
    const curve = amsCurve(Int32Array.from([4, 3, 2, 1]), signedWeights(Uint8Array.from([1, 1, 0, 0]), Float64Array.from([1, 1, 50, 50])));
    expect(curve.selected).toEqual([1, 2, 3, 4]);
    expect(curve.ams).toEqual([ams(1, 0), ams(2, 0), ams(2, 50), ams(2, 100)]);
    expect(curve.ams[1]).toBeCloseTo(0.61295788032695, 12);
    expect(curve.max).toBe(ams(2, 0));
    expect(curve.argmax).toBe(2);
  });

  it("restricts to the subset's rows, samples the requested points and keeps the exact maximum", () => {
    // Ranks put the background event outside the subset first; within the subset, signal comes first.
    const rank = Int32Array.from([5, 4, 3, 2, 1]);
    const labels = Uint8Array.from([0, 1, 1, 0, 0]);
    const weights = Float64Array.from([1000, 1, 1, 5, 5]);
    const rows = Int32Array.from([1, 2, 3, 4]);
    const curve = amsCurve(rank, signedWeights(labels, weights, rows), rows, { points: 2 });
    expect(curve.selected).toEqual([2, 4]);
    expect(curve.ams).toEqual([ams(2, 0), ams(2, 10)]);
    expect(curve.max).toBe(ams(2, 0));
    expect(curve.argmax).toBe(2);
  });

  it("finds the maximum over every count, computing AMS only at the ends of signal runs", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ label: fc.integer({ min: 0, max: 1 }), weight: fc.double({ min: 0.001, max: 50, noNaN: true }), kept: fc.boolean() }),
          { minLength: 1, maxLength: 80 },
        ),
        (events) => {
          const n = events.length;
          // Rank n first: the events in array order are taken from the most signal-like down.
          const rank = Int32Array.from(events, (_, i) => n - i);
          const labels = Uint8Array.from(events, (e) => e.label);
          const weights = Float64Array.from(events, (e) => e.weight);
          const rows = Int32Array.from(events.flatMap((e, i) => (e.kept ? [i] : [])));
          let s = 0;
          let b = 0;
          let k = 0;
          let max = 0;
          let argmax = 0;
          const all: number[] = [];
          events.forEach((e) => {
            if (!e.kept) return;
            if (e.label) s += e.weight;
            else b += e.weight;
            k++;
            const value = ams(s, b);
            all.push(value);
            if (value > max) [max, argmax] = [value, k];
          });
          const curve = amsCurve(rank, signedWeights(labels, weights, rows), rows, { points: 1000 });
          expect(curve.max).toBe(max);
          expect(curve.argmax).toBe(argmax);
          expect(curve.ams).toEqual(all);
        },
      ),
      { numRuns: 500 },
    );
  });
});
