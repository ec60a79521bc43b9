import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskedRows, rankByScore } from "@/scoring/metrics/ranking";

/** Reference: a comparison sort by descending score, ties (−0 = 0) in row order. */
function referenceOrder(scores: Float64Array, mask?: Uint8Array): number[] {
  const rows = [...scores.keys()].filter((i) => !mask || mask[i]);
  return rows.sort((x, y) => scores[y]! - scores[x]! || x - y);
}

function expectRanking(scores: Float64Array, mask?: Uint8Array): void {
  const rows = mask && maskedRows(mask);
  // Distinct signed weights name the events: |w| − 1 is the event's position, signs alternate.
  const m = rows ? rows.length : scores.length;
  const signed = Float64Array.from({ length: m }, (_, k) => (k % 2 ? -1 : 1) * (k + 1));
  const { sorted, signed: carried } = rankByScore(scores, signed, rows);
  const expected = referenceOrder(scores, mask);
  const positions = [...carried].map((w) => Math.abs(w) - 1);
  expect(positions.map((k) => (rows ? rows[k]! : k))).toEqual(expected);
  expect([...carried]).toEqual(positions.map((k) => signed[k]!));
  expect([...sorted]).toEqual(expected.map((row) => scores[row]! + 0));
}

describe("rankByScore", () => {
  it("orders any finite scores like a comparison sort, ties and ±0 in row order, of all rows or of some", () => {
    const score = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 0.5, 1, -1, 5e-324, -5e-324));
    fc.assert(
      fc.property(fc.array(fc.tuple(score, fc.boolean()), { maxLength: 200 }), (rows) => {
        const scores = Float64Array.from(rows, ([s]) => s);
        expectRanking(scores);
        expectRanking(
          scores,
          Uint8Array.from(rows, ([, kept]) => (kept ? 1 : 0)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("orders scores that share their top 32 bits (short and long runs, the latter by comparison sort)", () => {
    // 1 + k·2^-52 for k < 3000: one run of equal top words, far past the insertion limit, shuffled with ties.
    const scores = Float64Array.from({ length: 6000 }, (_, i) => 1 + ((i * 7919) % 3000) * 2 ** -52);
    expectRanking(scores);
    // Pairs sharing a top word next to singletons: short runs.
    const pairs = Float64Array.from({ length: 2000 }, (_, i) => 0.25 + Math.floor(i / 2) * 2 ** -20 + (i % 2 ? 2 ** -40 : 0));
    expectRanking(pairs.reverse());
  });
});
