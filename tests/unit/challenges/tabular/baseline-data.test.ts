/** The tabular baselines' input and output: reading the published files, encoding the target, the submission. */
import { describe, expect, it } from "vitest";
import { readTabularData, TabularDataError } from "@/challenges/tabular/baseline/table";
import { encodeTarget, tabularSubmission, tabularTask, validationLoss } from "@/challenges/tabular/baseline/task";

const bytes = (s: string) => new TextEncoder().encode(s);
const classes = { type: "multiclass", classes: ["VBF", "ggH"] } as const;

describe("readTabularData", () => {
  it("takes test.csv's columns as features in its order and train.csv's extra column as the target (the worked example)", async () => {
    const d = await readTabularData(
      { train: bytes("EventId,y,x,Process\n1,-999,0.5,ggH\n2,3,1.5,1\n3,,2,VBF\n"), test: bytes("EventId,x,y\n7,0.1,2\n8,NA,-999\n") },
      classes,
    );
    expect(d.featureNames).toEqual(["x", "y"]);
    expect(d.targetColumn).toBe("Process");
    expect([...d.train.X]).toEqual([0.5, NaN, 1.5, 3, 2, NaN]);
    expect([...d.train.target]).toEqual([1, 1, 0]);
    expect([...d.test.X]).toEqual([Float32Array.of(0.1)[0], 2, NaN, NaN]);
    expect(d.test.ids).toEqual(["7", "8"]);
  });

  it("ignores a Weight column and picks Label among several extra columns; reads s/b and real targets", async () => {
    const binary = await readTabularData(
      { train: bytes("x,Weight,Label,Note\n1,0.5,s,a\n2,0.5,b,b\n"), test: bytes("EventId,x\n1,1\n") },
      { type: "binary" },
    );
    expect([binary.targetColumn, [...binary.train.target]]).toEqual(["Label", [1, 0]]);
    const real = await readTabularData(
      { train: bytes("x,m\n1,91.5\n2,125\n"), test: bytes("EventId,x\n1,1\n") },
      { type: "real", relative: true },
    );
    expect([...real.train.target]).toEqual([91.5, 125]);
  });

  it("names the file, line and reason of every problem", async () => {
    const read = (train: string, test: string, task = classes as Parameters<typeof readTabularData>[1]) =>
      readTabularData({ train: bytes(train), test: bytes(test) }, task).then(
        () => "no error",
        (e: unknown) => (e instanceof TabularDataError ? e.message : `not a TabularDataError: ${String(e)}`),
      );
    expect(await read("x,Process\n1,ggH\n", "id,x\n1,1\n")).toBe("test.csv line 1: the header has no EventId column");
    expect(await read("z,Process\n1,ggH\n", "EventId,x,y\n1,1,2\n")).toBe(
      "train.csv line 1: test.csv's features x, y are not in train.csv",
    );
    expect(await read("x,a,b\n1,2,3\n", "EventId,x\n1,1\n")).toMatch(
      /train\.csv has 2 columns that test\.csv lacks \(a, b\).*name it Label, Class or Target/,
    );
    expect(await read("x\n1\n", "EventId,x\n1,1\n")).toMatch(/no column beyond test\.csv's features/);
    const many = await read("x,Process\n1,ggH\nabc,VBF\n3,ttbar\n4\n", "EventId,x\n1,1\n");
    expect(
      many
        .split("\n")
        .slice(1)
        .map((l) => l.trim()),
    ).toEqual([
      'train.csv line 3: x is "abc", not a number (the baselines take numeric features)',
      "train.csv line 5: expected 2 fields, found 1",
      'train.csv line 4: class "ttbar" is not one of the answer key\'s (VBF, ggH)',
    ]);
    expect(await read("x,m\n1,0\n", "EventId,x\n1,1\n", { type: "real", relative: true })).toMatch(
      /line 2: target 0: the metric scores relative errors/,
    );
    expect(await read("x,Label\n1,yes\n", "EventId,x\n1,1\n", { type: "binary" })).toMatch(/line 2: label "yes" is not 1\/0 or s\/b/);
  });
});

describe("the task", () => {
  it("fits relative errors where the metric scores them, absolute ones otherwise", () => {
    expect(tabularTask({ type: "real" }, "mass-resolution")).toEqual({ type: "real", relative: true });
    expect(tabularTask({ type: "real" }, "rmse")).toEqual({ type: "real", relative: false });
    expect(tabularTask(classes, "log-loss")).toEqual(classes);
  });

  it("encodes a relative regression target and scores a validation prediction (the worked example)", () => {
    const task = { type: "real", relative: true } as const;
    const enc = encodeTarget(task, Float64Array.of(100, 200));
    expect([...enc.y]).toEqual([-1, 1]);
    expect([...enc.weight]).toEqual([1.6, 0.4].map(Math.fround));
    expect(enc.scale).toEqual({ mean: 150, sd: 50 });
    expect(validationLoss(task, Float32Array.of(-0.8, 1), enc)).toBeCloseTo(0.032, 6);
  });

  it("scores classes by their log-loss", () => {
    const enc = encodeTarget(classes, Float64Array.of(1, 0));
    expect(validationLoss(classes, Float32Array.of(0.25, 0.75, 0.5, 0.5), enc)).toBeCloseTo(-(Math.log(0.75) + Math.log(0.5)) / 2, 6);
  });

  it("writes each target's submission format", () => {
    expect(tabularSubmission({ type: "binary" }, ["1", "2"], Float32Array.of(0.25, 1))).toBe("EventId,score\n1,0.25\n2,1\n");
    expect(tabularSubmission({ type: "real", relative: true }, ["5"], Float64Array.of(125.5))).toBe("EventId,prediction\n5,125.5\n");
    const multi = tabularSubmission({ type: "multiclass", classes: ["a,b", "c"] }, ["9"], Float32Array.of(0, 1))
      .trim()
      .split("\n");
    expect(multi[0]).toBe('EventId,"a,b",c');
    const row = multi[1]!.split(",").slice(1).map(Number);
    expect(row[0]).toBeGreaterThan(0);
    expect(row[0]! + row[1]!).toBeCloseTo(1, 12);
  });
});
