import { describe, expect, it } from "vitest";
import { markTies } from "@/db/queries/leaderboard";

const row = (score: number, std: number | null) => ({
  rank: 1,
  teamId: 1,
  teamName: "t",
  submissionId: 1,
  score,
  std,
  entries: 1,
  lastSubmissionAt: new Date(0),
});
const ties = (...rows: [number, number | null][]) => markTies(rows.map(([score, std]) => row(score, std))).map((r) => r.tiedWithPrevious);

describe("markTies", () => {
  it("ties neighbours whose difference is within their combined std, and only when both have one", () => {
    // |3.0 − 2.9| = 0.1 < √(0.1² + 0.1²) = 0.141; |2.9 − 2.5| = 0.4 is not.
    expect(ties([3.0, 0.1], [2.9, 0.1], [2.5, 0.1])).toEqual([false, true, false]);
    expect(ties([3.0, 0.1], [2.9, null])).toEqual([false, false]);
  });

  it("ties two equal infinite scores (no std: the bootstrap of ∞ has none), never ∞ with a finite score or NaN", () => {
    expect(ties([Infinity, null], [Infinity, null], [5, 0.1])).toEqual([false, true, false]);
    expect(ties([-Infinity, null], [-Infinity, 1])).toEqual([false, true]);
    expect(ties([Infinity, null], [-Infinity, null])).toEqual([false, false]);
    expect(ties([5, 0.1], [NaN, null], [NaN, null])).toEqual([false, false, false]);
  });
});
