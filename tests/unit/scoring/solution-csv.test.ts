import { describe, expect, it } from "vitest";
import { SolutionFormatError } from "@/scoring/parsing/errors";
import { ORIGIN_NONE, ORIGIN_REAL, ORIGIN_SIMULATED, solutionFromColumns, USAGE, type Solution } from "@/scoring/solution";
import { parseSolution, readSolution, solutionCsv, type SolutionReadOptions } from "@/scoring/parsing/solution-csv";
import { encode } from "./helpers";

const ids = (s: Solution) => Array.from({ length: s.ids.length }, (_, row) => s.ids.at(row));

async function problemsOf(text: string, opts: SolutionReadOptions = {}) {
  const error = await parseSolution(encode(text), opts).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SolutionFormatError);
  return (error as SolutionFormatError).problems;
}

describe("solution CSV codec", () => {
  it("reads Kaggle's EventId,Class,Weight,Usage header as a binary key", async () => {
    const s = await parseSolution(encode("EventId,Class,Weight,Usage\n1,s,2.5,Public\n2,b,1,Private\n3,b,1,Control\n4,s,1,Ignored\n"));
    expect(s.target).toEqual({ type: "binary" });
    expect(Array.from(s.labels)).toEqual([1, 0, 0, 1]);
    expect(Array.from(s.usage)).toEqual([USAGE.Public, USAGE.Private, USAGE.Control, USAGE.Ignored]);
    expect(s.weights[0]).toBe(2.5);
  });

  it("multiclass with the organiser's class list: names to indices in that order; Weight optional; own id column", async () => {
    const s = await parseSolution(encode("Id,Class,Usage\nx1,VBF,Public\nx2,Ztt,Private\nx3,ggH,Public\n"), {
      target: "multiclass",
      classes: ["ggH", "VBF", "Ztt"],
      idColumn: "Id",
    });
    expect(ids(s)).toEqual(["x1", "x2", "x3"]);
    expect(s.target).toEqual({ type: "multiclass", classes: ["ggH", "VBF", "Ztt"] });
    expect(Array.from(s.labels)).toEqual([1, 2, 0]);
    expect(Array.from(s.weights)).toEqual([1, 1, 1]);
  });

  it("multiclass without a list: the distinct names sorted, numerically when all are numbers", async () => {
    const text = await parseSolution(encode("EventId,Class,Usage\n1,tt,Public\n2,W,Private\n3,ggH,Public\n"), { target: "multiclass" });
    expect(text.target).toEqual({ type: "multiclass", classes: ["W", "ggH", "tt"] });
    expect(Array.from(text.labels)).toEqual([2, 0, 1]);
    const numbers = await parseSolution(encode("EventId,Label,Usage\n1,10,Public\n2,2,Private\n3,0,Public\n"), { target: "multiclass" });
    expect(numbers.target).toEqual({ type: "multiclass", classes: ["0", "2", "10"] });
    expect(Array.from(numbers.labels)).toEqual([2, 1, 0]);
  });

  it("real targets: decimals as given", async () => {
    const s = await parseSolution(encode("EventId,Label,Weight,Usage\n1,125.5,1,Public\n2,9.1e1,2,Private\n"), { target: "real" });
    expect(s.target).toEqual({ type: "real" });
    expect(Array.from(s.values!)).toEqual([125.5, 91]);
  });

  it("writes a key that reads back equal, for every target type (class names with commas and quotes quoted)", async () => {
    const keys = [
      solutionFromColumns({ ids: [5, 6, 7], labels: [1, 0, 1], weights: [0.1, 2, 1e-7], usage: [1, 2, 3] }),
      solutionFromColumns({
        ids: ["a", "b", "c"],
        labels: [2, 0, 1],
        weights: [1, 1, 3],
        usage: [1, 2, 0],
        target: { type: "multiclass", classes: ["ggH", "VBF", 'Z→"ττ", boosted'] },
      }),
      solutionFromColumns({ ids: [1, 2], labels: [124.999999999, 1 / 3], weights: [1, 1], usage: [1, 2], target: { type: "real" } }),
    ];
    for (const key of keys) {
      const opts: SolutionReadOptions =
        key.target.type === "multiclass" ? { target: "multiclass", classes: key.target.classes } : { target: key.target.type };
      const back = await parseSolution(encode(solutionCsv(key)), opts);
      expect({ ...back, ids: ids(back) }).toEqual({ ...key, ids: ids(key) });
    }
  });

  it("reports each bad row with its line and reason", async () => {
    const text = "EventId,Class,Weight,Usage\n1,ggH,1,Public\n2,Hbb,1,Public\n3,VBF,0,Private\n,VBF,1,Private\n5,,1,Public\n";
    expect(await problemsOf(text, { target: "multiclass", classes: ["ggH", "VBF"] })).toEqual([
      { line: 3, message: 'Class "Hbb" is not one of the classes ggH, VBF' },
      { line: 4, message: 'Weight "0" is not a positive finite number' },
      { line: 5, message: "EventId is empty" },
      { line: 6, message: 'Class "" is not one of the classes ggH, VBF' },
    ]);
    expect(await problemsOf("EventId,Label,Usage\n1,12.5,Public\n2,abc,Private\n3,inf,Public\n4,,Public\n", { target: "real" })).toEqual([
      { line: 3, message: 'Label "abc" is not a finite number' },
      { line: 4, message: 'Label "inf" is not a finite number' },
      { line: 5, message: 'Label "" is not a finite number' },
    ]);
    expect(await problemsOf("EventId,Class,Usage\n1,a,Public\n2,,Public\n", { target: "multiclass" })).toEqual([
      { line: 3, message: "Class is empty" },
    ]);
    expect(await problemsOf("EventId,Label,Usage\n1,x,Public\n")).toEqual([{ line: 2, message: 'Label "x" is not s/b or 1/0' }]);
  });

  it("refuses a header with both Label and Class, or neither, or a missing id column", async () => {
    const both = await problemsOf("EventId,Label,Class,Usage\n1,s,s,Public\n");
    expect(both[0]!.message).toMatch(/^the header needs exactly one target column, Label or Class/);
    expect((await problemsOf("EventId,Weight,Usage\n1,1,Public\n"))[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/exactly one target column/),
    });
    expect((await problemsOf("Id,Label,Usage\n1,s,Public\n"))[0]).toEqual({
      line: 1,
      message: 'unexpected column "Id" in the header (expected EventId,Usage, optionally Label,Class,Weight,Origin,Aux)',
    });
  });

  it("refuses a multiclass key of one class, and class lists that cannot be", async () => {
    expect(await problemsOf("EventId,Class,Usage\n1,a,Public\n2,a,Private\n", { target: "multiclass" })).toEqual([
      { line: null, message: "a multiclass key needs at least 2 classes, the file has 1" },
    ]);
    expect((await problemsOf("EventId,Class,Usage\n1,a,Public\n", { target: "multiclass", classes: ["a", "a"] }))[0]!.message).toMatch(
      /2 to 255 distinct names/,
    );
    expect((await problemsOf("EventId,Label,Usage\n1,1,Public\n", { target: "binary", classes: ["a", "b"] }))[0]!.message).toMatch(
      /need a multiclass target/,
    );
  });

  it("reads and writes an Aux column (empty = none), and only when some row has one", async () => {
    const text = "EventId,Label,Weight,Usage,Aux\n1,0,1,Control,3481.25\n2,1,1,Public,\n3,0,0.5,Private,\n";
    const { solution, lines } = await readSolution(encode(text));
    expect(Array.from(solution.aux!)).toEqual([3481.25, NaN, NaN]);
    expect(Array.from(lines)).toEqual([2, 3, 4]);
    expect(solutionCsv(solution)).toBe(text);
    expect(solutionCsv({ ...solution, aux: new Float64Array(3).fill(NaN) })).toBe(
      "EventId,Label,Weight,Usage\n1,0,1,Control\n2,1,1,Public\n3,0,0.5,Private\n",
    );
    expect((await parseSolution(encode("EventId,Label,Usage\n1,1,Public\n"))).aux).toBeUndefined();
    expect(await problemsOf("EventId,Label,Usage,Aux\n1,1,Public,heavy\n2,0,Private,1e400\n")).toEqual([
      { line: 2, message: 'Aux "heavy" is not a finite number (or empty)' },
      { line: 3, message: 'Aux "1e400" is not a finite number (or empty)' },
    ]);
  });

  it("with strictUsage, an unknown Usage is a problem instead of an ignored row", async () => {
    const text = "EventId,Label,Usage\n1,1,Public\n2,0,Pubic\n3,0,ignored\n";
    expect(Array.from((await parseSolution(encode(text))).usage)).toEqual([USAGE.Public, USAGE.Ignored, USAGE.Ignored]);
    expect(await problemsOf(text, { strictUsage: true })).toEqual([
      { line: 3, message: 'Usage "Pubic" is not one of Ignored, Public, Private, Control' },
    ]);
  });

  it("reads the gates' Origin and Aux on Control rows, and writes them back", async () => {
    const text =
      "EventId,Label,Usage,Origin,Aux\n7,1,Public,,\n8,0,Control,real,\n9,0,Control,,1875.5\n10,0,Control,simulated,91.25\n11,1,Private,,\n";
    const s = await parseSolution(encode(text));
    expect(Array.from(s.origin!)).toEqual([ORIGIN_NONE, ORIGIN_REAL, ORIGIN_NONE, ORIGIN_SIMULATED, ORIGIN_NONE]);
    expect(Array.from(s.aux!)).toEqual([NaN, NaN, 1875.5, 91.25, NaN]);
    const back = await parseSolution(encode(solutionCsv(s)));
    expect(solutionCsv(s)).toMatch(/^EventId,Label,Weight,Usage,Origin,Aux\n7,1,1,Public,,\n8,0,1,Control,real,\n/);
    expect([Array.from(back.origin!), Array.from(back.aux!)]).toEqual([Array.from(s.origin!), Array.from(s.aux!)]);
    // A key without them keeps its four columns and has none.
    const plain = await parseSolution(encode("EventId,Label,Usage\n1,1,Public\n"));
    expect([plain.origin, plain.aux]).toEqual([undefined, undefined]);
  });

  it("refuses bad gate inputs with their lines: an unknown origin, a non-number, one on a scored row, a Control row with neither", async () => {
    const text =
      "EventId,Label,Usage,Origin,Aux\n1,1,Public,,\n2,0,Control,maybe,\n3,0,Control,,heavy\n4,0,Public,real,\n5,0,Control,,\n6,0,Private,,\n";
    expect(await problemsOf(text)).toEqual([
      { line: 3, message: 'Origin "maybe" is not real or simulated (1 or 0), or empty' },
      { line: 4, message: 'Aux "heavy" is not a finite number (or empty)' },
      { line: 5, message: "only Control rows carry Origin or Aux (this row is Public)" },
      {
        line: 6,
        message: "a Control row needs Origin (real or simulated, for the agreement check) or Aux (the correlation check's column value)",
      },
    ]);
  });
});
