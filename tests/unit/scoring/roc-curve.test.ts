import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RocCurve } from "@/scoring/metrics/roc-curve";
import { parseSolution, scoreSubmission } from "@/scoring";

describe("RocCurve", () => {
  it("keeps the first step at or past each log-spaced ε_B (the doc's worked example)", () => {
    const c = new RocCurve(2, 4, 3, 0.25);
    for (const [s, b] of [
      [1, 0],
      [1, 1],
      [2, 2],
      [2, 4],
    ] as const)
      c.step(s, b);
    expect(c.epsB).toEqual([0.25, 0.5, 1]);
    expect(c.epsS).toEqual([0.5, 1, 1]);
  });

  it("records one point for a step that jumps over several grid values", () => {
    const c = new RocCurve(1, 10, 5, 0.01);
    c.step(0.5, 9);
    c.step(1, 10);
    expect(c.epsB).toEqual([0.9, 1]);
    expect(c.epsS).toEqual([0.5, 1]);
  });

  it("keeps exactly the points of dividing at every step (its shortcut skips only steps surely below the grid)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        (fractions, total) => {
          const background = fractions.map((f) => f * total).sort((x, y) => x - y);
          background.push(total);
          const curve = new RocCurve(1, total, 40, 1e-4);
          const grid = Array.from({ length: 40 }, (_, i) => 1e-4 ** (1 - i / 39));
          const expected: number[] = [];
          let next = 0;
          for (const b of background) {
            curve.step(0.5, b);
            const eb = b / total;
            if (next >= grid.length || eb < grid[next]!) continue;
            while (next < grid.length && eb >= grid[next]!) next++;
            expected.push(eb);
          }
          expect(curve.epsB).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("is in a score submission's public details only", async () => {
    const ids = Array.from({ length: 200 }, (_, i) => i + 1);
    const solution = await parseSolution(
      Buffer.from(
        ["EventId,Label,Weight,Usage", ...ids.map((i) => `${i},${i % 3 === 0 ? 1 : 0},1,${i % 2 ? "Public" : "Private"}`)].join("\n"),
      ),
    );
    const submission = Buffer.from(
      ["EventId,score", ...ids.map((i) => `${i},${(i % 3 === 0 ? 0.3 : 0) + ((i * 7919) % 100) / 100}`)].join("\n"),
    );
    const r = await scoreSubmission({ solution, submission, metricId: "auc" });
    const epsB = r.Public.rocEpsB as number[];
    const epsS = r.Public.rocEpsS as number[];
    expect(epsB.length).toBeGreaterThan(5);
    expect(epsB.at(-1)).toBe(1);
    expect(epsS.at(-1)).toBe(1);
    for (let i = 1; i < epsB.length; i++) expect(epsB[i]!).toBeGreaterThan(epsB[i - 1]!);
    expect(r.Private.rocEpsB).toBeUndefined();
  });
});
