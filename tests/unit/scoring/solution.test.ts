import { describe, expect, it } from "vitest";
import { SolutionFormatError } from "@/scoring/parsing/errors";
import { solutionFromColumns, type Solution } from "@/scoring/solution";
import { parseSolution } from "@/scoring/parsing/solution-csv";
import { createSolutionIndex } from "@/scoring/parsing/solution-index";
import { encode, fixture } from "./helpers";

const idTexts = (solution: Solution) => Array.from({ length: solution.ids.length }, (_, row) => solution.ids.at(row));

const lookup = (ids: string[], key: string) => {
  const index = createSolutionIndex(
    solutionFromColumns({ ids, labels: ids.map(() => 1), weights: ids.map(() => 1), usage: ids.map(() => 1) }),
  );
  const b = encode(key);
  return index.lookup(b, 0, b.length);
};

describe("parseSolution", () => {
  it("reads labels s/b, weights as given and Usage codes (other values ignored)", async () => {
    const solution = await parseSolution(fixture("solution-small.csv"));
    expect(solution.ids.at(0)).toBe("100000");
    expect(Array.from(solution.labels)).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
    expect(solution.weights[3]).toBe(3);
    expect(Array.from(solution.usage)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 1, 0]);
  });

  it("accepts 1/0 labels and columns in any order, header case-insensitive", async () => {
    const solution = await parseSolution(encode("usage,WEIGHT,eventid,Label\nPrivate,0.5,a,1\npublic,2,b,0\n"));
    expect({ ...solution, ids: idTexts(solution) }).toEqual({
      ids: ["a", "b"],
      target: { type: "binary" },
      labels: Uint8Array.from([1, 0]),
      values: null,
      weights: Float64Array.from([0.5, 2]),
      usage: Uint8Array.from([2, 1]),
    });
  });

  it("reports every bad row and duplicate ids with line numbers", async () => {
    const bad = encode("EventId,Label,Weight,Usage\n1,s,1,Public\n2,x,-1,Public\n1,b,1,Private\n,b,1,Private\n");
    const error = await parseSolution(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SolutionFormatError);
    expect((error as SolutionFormatError).problems).toEqual([
      { line: 3, message: 'Label "x" is not s/b or 1/0' },
      { line: 3, message: 'Weight "-1" is not a positive finite number' },
      { line: 5, message: "EventId is empty" },
    ]);
    const dup = await parseSolution(encode("EventId,Label,Weight,Usage\n1,s,1,Public\n1,b,1,Private\n")).catch((e: unknown) => e);
    expect((dup as SolutionFormatError).problems).toEqual([{ line: 3, message: 'EventId "1" appears again (first at line 2)' }]);
  });
});

describe("solutionFromColumns and the id index", () => {
  it("builds a validated solution from arrays (numbers or text)", () => {
    const solution = solutionFromColumns({ ids: [7, 8], labels: ["s", "b"], weights: [1.5, 2], usage: ["Public", 2] });
    expect({ ...solution, ids: idTexts(solution) }).toEqual({
      ids: ["7", "8"],
      target: { type: "binary" },
      labels: Uint8Array.from([1, 0]),
      values: null,
      weights: Float64Array.from([1.5, 2]),
      usage: Uint8Array.from([1, 2]),
    });
    expect(() => solutionFromColumns({ ids: [1], labels: [2], weights: [0], usage: [1] })).toThrow(SolutionFormatError);
    expect(() => solutionFromColumns({ ids: [1, 2], labels: [1], weights: [1, 1], usage: [1, 1] })).toThrow(
      /labels has 1 entries but ids has 2/,
    );
    const classes = { type: "multiclass", classes: ["a", "b"] } as const;
    expect(() => solutionFromColumns({ ids: [1, 2], labels: [1, 2], weights: [1, 1], usage: [1, 2], target: classes })).toThrow(
      "row 1: class 2 is not an index below 2",
    );
    expect(() => solutionFromColumns({ ids: [1], labels: [NaN], weights: [1], usage: [1], target: { type: "real" } })).toThrow(
      "row 0: target NaN is not a finite number",
    );
    expect(() =>
      solutionFromColumns({ ids: [1], labels: [0], weights: [1], usage: [1], target: { type: "multiclass", classes: ["only"] } }),
    ).toThrow(/needs 2 to 255 classes, got 1/);
  });

  it("caches one index per solution", () => {
    const solution = solutionFromColumns({ ids: [1, 2], labels: [1, 0], weights: [1, 1], usage: [1, 2] });
    expect(createSolutionIndex(solution)).toBe(createSolutionIndex(solution));
  });

  it("matches integer ids exactly as text (dense path): no leading zeros, signs or decimals", () => {
    const ids = ["350000", "350001", "350005"];
    expect(lookup(ids, "350005")).toBe(2);
    expect(lookup(ids, "350002")).toBe(-1);
    expect(lookup(ids, "0350005")).toBe(-1);
    expect(lookup(ids, "350005.0")).toBe(-1);
    expect(lookup(ids, "+350005")).toBe(-1);
    expect(lookup(ids, "999999999")).toBe(-1);
  });

  it("falls back to a map for text or sparse ids", () => {
    expect(lookup(["evt-a", "évt-b"], "évt-b")).toBe(1);
    expect(lookup(["1", "1000000000"], "1000000000")).toBe(1);
    expect(lookup(["007", "7"], "007")).toBe(0);
    expect(lookup(["007", "7"], "7")).toBe(1);
  });
});
