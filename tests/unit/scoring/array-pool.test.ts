/** ArrayPool lends each array to one borrower at a time; scoring against one solution reuses the parse's arrays safely. */
import { describe, expect, it } from "vitest";
import { ArrayPool } from "@/scoring/parsing/array-pool";
import { scoreSubmission, type MetricId } from "@/scoring/registry";
import { parseSolution } from "@/scoring/parsing/solution-csv";
import { createSolutionIndex } from "@/scoring/parsing/solution-index";
import { parseHiggsSubmission } from "@/scoring/parsing/submission-higgs";
import { parseScoreSubmission } from "@/scoring/parsing/submission-scores";
import { SubmissionFormatError } from "@/scoring/parsing/errors";
import { chunked, encode, fixture } from "./helpers";

describe("ArrayPool", () => {
  it("gives back what was given, by type and length, and never one array to two borrowers", () => {
    const pool = new ArrayPool();
    const a = pool.take(Int32Array, 4);
    const b = pool.take(Int32Array, 4);
    expect(a).toBeInstanceOf(Int32Array);
    expect(a).toHaveLength(4);
    expect(b).not.toBe(a);
    a[0] = 7;
    pool.give(a);
    pool.give(a); // a second give of the same array must not let two borrowers share it
    expect(pool.take(Float64Array, 4)).not.toBe(a);
    expect(pool.take(Int32Array, 5)).not.toBe(a);
    const again = pool.take(Int32Array, 4);
    expect(again).toBe(a);
    expect(again[0]).toBe(7); // contents are the last borrower's: callers fill what they need
    expect(pool.take(Int32Array, 4)).not.toBe(a);
  });

  it("keeps at most 8 free arrays", () => {
    const pool = new ArrayPool();
    const given = Array.from({ length: 10 }, () => new Uint8Array(2));
    pool.give(...given);
    const taken = Array.from({ length: 10 }, () => pool.take(Uint8Array, 2));
    expect(taken.filter((a) => given.includes(a))).toHaveLength(8);
  });
});

describe("parses and scorings against one solution share its pool", () => {
  const solutionP = parseSolution(fixture("solution-small.csv"));
  const valid: Record<string, [MetricId, string]> = { higgs: ["ams", "higgs-valid.csv"], scores: ["auc", "scores-valid.csv"] };

  it.each(Object.entries(valid))(
    "%s: the same result every time, after a rejected file and when scorings interleave",
    async (_, [metricId, name]) => {
      const solution = await solutionP;
      // Chunks of 3 bytes: every chunk is an await, so the concurrent scorings below interleave their parses.
      const score = (file: string) =>
        scoreSubmission({ solution, submission: chunked(fixture(file), 3), metricId, bootstrap: 20, seed: 3 });
      const first = await score(name);
      expect(await score(name)).toEqual(first);
      const bad = metricId === "ams" ? "higgs-rank-duplicate.csv" : "scores-nan.csv";
      await expect(score(bad)).rejects.toBeInstanceOf(SubmissionFormatError);
      expect(await score(name)).toEqual(first);
      const together = await Promise.allSettled([score(name), score(bad), score(name), score(name)]);
      expect(together.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
      for (const r of together) if (r.status === "fulfilled") expect(r.value).toEqual(first);
    },
  );

  it("a pooled array keeps nothing of the last parse: a file repeating one id in place of another is still refused", async () => {
    const index = createSolutionIndex(await solutionP);
    const text = new TextDecoder().decode(fixture("scores-valid.csv"));
    const scored = await scoreSubmission({ solution: index.solution, submission: fixture("scores-valid.csv"), metricId: "auc" });
    expect(scored.Public.auc).toBeGreaterThan(0);
    const repeated = encode(text.replace("100009,0.05", "100008,0.05"));
    await expect(parseScoreSubmission(repeated, index)).rejects.toMatchObject({
      problems: [
        { line: 11, message: 'EventId "100008" appears again (first on line 10)' },
        { line: null, message: '1 of 10 events is missing: EventId "100009"' },
      ],
    });
  });

  it("a parse's result stays the caller's: the next parse does not write into it", async () => {
    const index = createSolutionIndex(await solutionP);
    const first = await parseHiggsSubmission(fixture("higgs-valid.csv"), index);
    const copy = { rankOrder: first.rankOrder.slice(), isSignal: first.isSignal.slice() };
    await expect(parseHiggsSubmission(fixture("higgs-rank-duplicate.csv"), index)).rejects.toBeInstanceOf(SubmissionFormatError);
    const second = await parseHiggsSubmission(fixture("higgs-valid.csv"), index);
    expect(second.rankOrder).not.toBe(first.rankOrder);
    expect(first).toEqual(copy);
  });
});
