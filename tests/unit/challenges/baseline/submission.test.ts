import { describe, expect, it } from "vitest";
import { kaggleSubmission, rankOrder } from "@/challenges/shared/baseline/submission";
import { amsAtThreshold } from "@/challenges/shared/baseline/validation-metrics";
import { scoreSubmission, solutionFromColumns } from "@/scoring";

describe("kaggleSubmission", () => {
  it("ranks N = most signal-like and classifies at the threshold (the doc example)", () => {
    expect(kaggleSubmission([10, 11, 12], [0.2, 0.9, 0.5], 0.5)).toBe("EventId,RankOrder,Class\n10,1,b\n11,3,s\n12,2,s\n");
  });

  it("gives tied scores consecutive ranks in row order", () => {
    expect(Array.from(rankOrder([0.5, 0.1, 0.5, 0.5]))).toEqual([2, 1, 3, 4]);
  });

  it("orders float32 scores by a packed key sort exactly as by comparing them, ties, signs and ±0 included", () => {
    const compared = (xs: ArrayLike<number>) => {
      const order = Array.from({ length: xs.length }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]! || a - b);
      const ranks = new Array<number>(xs.length);
      order.forEach((row, k) => (ranks[row] = k + 1));
      return ranks;
    };
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const scores = Float32Array.from({ length: 5000 }, (_, i) =>
      i % 10 === 0 ? 0.25 : i % 13 === 0 ? -0 : i % 17 === 0 ? 0 : (next() - 0.5) * 10 ** Math.floor(next() * 8 - 4),
    );
    expect(Array.from(rankOrder(scores))).toEqual(compared(scores));
    // Doubles that are not float32 values take the comparator path, with the same rule.
    const doubles = Array.from(scores, (x, i) => x + (i % 3) * 1e-12);
    expect(Array.from(rankOrder(doubles))).toEqual(compared(doubles));
  });

  it("refuses mismatched lengths", () => {
    expect(() => kaggleSubmission([1, 2], [0.5], 0.5)).toThrow("2 event ids for 1 scores");
  });

  it("is scored by the platform's scorer as the AMS of its cut", async () => {
    const n = 40;
    const ids = Array.from({ length: n }, (_, i) => 100 + i);
    const scores = ids.map((_, i) => ((i * 37) % n) / n);
    const labels = Uint8Array.from(scores, (s, i) => (s > 0.6 || i % 7 === 0 ? 1 : 0));
    const weights = Float64Array.from(labels, (l, i) => (l ? 0.5 : 3 + (i % 3)));
    const usage = Uint8Array.from(ids, (_, i) => (i % 2 ? 1 : 2));
    const solution = solutionFromColumns({ ids, labels, weights, usage });
    const csv = kaggleSubmission(ids, scores, 0.55);
    const result = await scoreSubmission({ solution, submission: new TextEncoder().encode(csv), metricId: "ams", bootstrap: 0, seed: 1 });
    const publicMask = Uint8Array.from(usage, (u) => (u === 1 ? 1 : 0));
    const pub = (x: ArrayLike<number>) => Array.from(x).filter((_, i) => publicMask[i]);
    expect(result.Public.primary).toBeCloseTo(
      amsAtThreshold(pub(scores), Uint8Array.from(pub(labels)), Float64Array.from(pub(weights)), 0.55),
      12,
    );
  });
});
