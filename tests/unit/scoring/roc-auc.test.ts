import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { weightedRocAuc } from "@/scoring/metrics/roc-auc";

/** O(n²) definition: weighted P(score_s > score_b) + ½ P(tie). */
function bruteForceAuc(scores: number[], labels: number[], weights: number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!labels[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j]) continue;
      const w = weights[i]! * weights[j]!;
      den += w;
      num += scores[i]! > scores[j]! ? w : scores[i] === scores[j] ? w / 2 : 0;
    }
  }
  return num / den;
}

describe("weightedRocAuc", () => {
  it("follows the worked example (ties count one half)", () => {
    const auc = weightedRocAuc(Float64Array.from([0.9, 0.8, 0.8, 0.1]), Uint8Array.from([1, 0, 1, 0]), Float64Array.from([1, 2, 1, 1]));
    expect(auc).toBeCloseTo(5 / 6, 15);
  });

  it("gives 1, 0 and ½ for perfect, inverted and constant scores; NaN without both classes", () => {
    const labels = Uint8Array.from([1, 1, 0, 0]);
    expect(weightedRocAuc(Float64Array.from([4, 3, 2, 1]), labels, null)).toBe(1);
    expect(weightedRocAuc(Float64Array.from([1, 2, 3, 4]), labels, null)).toBe(0);
    expect(weightedRocAuc(Float64Array.from([7, 7, 7, 7]), labels, null)).toBe(0.5);
    expect(weightedRocAuc(Float64Array.from([1, 2]), Uint8Array.from([1, 1]), null)).toBeNaN();
  });

  it("orders negative numbers, -0 and 0 correctly", () => {
    const auc = weightedRocAuc(Float64Array.from([-0, 0, -1e300, -2.5, 1e-300]), Uint8Array.from([1, 0, 0, 1, 1]), null);
    expect(auc).toBeCloseTo(bruteForceAuc([-0, 0, -1e300, -2.5, 1e-300], [1, 0, 0, 1, 1], [1, 1, 1, 1, 1]), 15);
  });

  it("equals the pairwise definition on random weighted data with ties, and honours the mask", () => {
    const row = fc.record({
      score: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
      label: fc.integer({ min: 0, max: 1 }),
      weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
      keep: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 60 }), (rows) => {
        const kept = rows.filter((r) => r.keep);
        const hasBoth = (rs: typeof rows) => rs.some((r) => r.label) && rs.some((r) => !r.label);
        fc.pre(hasBoth(rows) && hasBoth(kept));
        const scores = Float64Array.from(rows.map((r) => r.score));
        const labels = Uint8Array.from(rows.map((r) => r.label));
        const weights = Float64Array.from(rows.map((r) => r.weight));
        const mask = Uint8Array.from(rows.map((r) => (r.keep ? 1 : 0)));
        const expected = bruteForceAuc(
          kept.map((r) => r.score),
          kept.map((r) => r.label),
          kept.map((r) => r.weight),
        );
        expect(weightedRocAuc(scores, labels, weights, mask)).toBeCloseTo(expected, 12);
      }),
    );
  });
});
