/**
 * The tabular baselines' input and output: reading the published files, encoding the target and the weights, the
 * validation split, the submission.
 */
import { describe, expect, it } from "vitest";
import { Random } from "@/challenges/shared/random";
import { validationSplit } from "@/challenges/tabular/baseline/pipeline";
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

  it("reads a Weight column as the training weights and picks Label among several extra columns; reads s/b and real targets", async () => {
    const binary = await readTabularData(
      { train: bytes("x,weight,Label,Note\n1,0.5,s,a\n2,2,b,b\n3,0,s,c\n"), test: bytes("EventId,x\n1,1\n") },
      { type: "binary" },
    );
    expect([binary.targetColumn, binary.weightColumn, [...binary.train.target]]).toEqual(["Label", "weight", [1, 0, 1]]);
    expect([...binary.train.weight!]).toEqual([0.5, 2, 0]);
    const real = await readTabularData(
      { train: bytes("x,m\n1,91.5\n2,125\n"), test: bytes("EventId,x\n1,1\n") },
      { type: "real", relative: true },
    );
    expect([...real.train.target]).toEqual([91.5, 125]);
    expect([real.weightColumn, real.train.weight]).toEqual([null, null]);
    // A Weight that test.csv has too is a feature like any other.
    const feature = await readTabularData(
      { train: bytes("Weight,Label\n1,s\n2,b\n"), test: bytes("EventId,Weight\n1,1\n") },
      { type: "binary" },
    );
    expect([feature.featureNames, feature.weightColumn, [...feature.train.X]]).toEqual([["Weight"], null, [1, 2]]);
  });

  it("refuses a Weight that is not a number ≥ 0, and weights that are all 0", async () => {
    const read = (train: string) =>
      readTabularData({ train: bytes(train), test: bytes("EventId,x\n1,1\n") }, { type: "binary" }).then(
        () => "no error",
        (e: unknown) => (e instanceof TabularDataError ? e.message : `not a TabularDataError: ${String(e)}`),
      );
    const bad = await read("x,Weight,Label\n1,-0.5,s\n2,abc,b\n3,,s\n4,1e999,b\n5,1,s\n");
    expect(
      bad
        .split("\n")
        .slice(1)
        .map((l) => l.trim()),
    ).toEqual([
      'train.csv line 2: Weight is "-0.5", not a number ≥ 0 (the event\'s training weight)',
      'train.csv line 3: Weight is "abc", not a number ≥ 0 (the event\'s training weight)',
      'train.csv line 4: Weight is "", not a number ≥ 0 (the event\'s training weight)',
      'train.csv line 5: Weight is "1e999", not a number ≥ 0 (the event\'s training weight)',
    ]);
    expect(await read("x,Weight,Label\n1,0,s\n2,0,b\n")).toMatch(/train\.csv: every Weight is 0, so no event would count in training/);
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

  it("multiplies in train.csv's Weight, normalised to mean 1 (the worked example's Weight [1, 4])", () => {
    expect([...encodeTarget(classes, Float64Array.of(1, 0, 1), Float32Array.of(2, 1, 1)).weight]).toEqual([1.5, 0.75, 0.75]);
    const relative = encodeTarget({ type: "real", relative: true }, Float64Array.of(100, 200), Float32Array.of(1, 4));
    expect([...relative.weight]).toEqual([1, 1]);
    // The validation loss counts each event as its weight: a wrong class with weight 3 costs three times as much.
    const enc = encodeTarget(classes, Float64Array.of(1, 0), Float32Array.of(3, 1));
    const pred = Float32Array.of(0.5, 0.5, 0.9, 0.1);
    expect(validationLoss(classes, pred, enc)).toBeCloseTo((3 * -Math.log(0.5) + -Math.log(0.9)) / 4, 6);
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

describe("the validation split", () => {
  /** `counts[c]` rows of each class c, in a seeded shuffled order. */
  const labels = (counts: number[], seed: number) => {
    const y = Float32Array.from(counts.flatMap((n, c) => Array<number>(n).fill(c)));
    const order = new Random(seed).permutation(y.length);
    return Float32Array.from(order, (r) => y[r]!);
  };
  const perClass = (y: Float32Array, rows: Int32Array, k: number) => {
    const n = new Array<number>(k).fill(0);
    rows.forEach((r) => n[y[r]!]!++);
    return n;
  };

  it("holds out a fifth of each class, the rest trained on, each in file order", () => {
    const task = { type: "multiclass", classes: ["a", "b", "c"] } as const;
    const y = labels([500, 300, 200], 3);
    const { validation, fit } = validationSplit(task, y, 1);
    expect(perClass(y, validation, 3)).toEqual([100, 60, 40]);
    expect(perClass(y, fit, 3)).toEqual([400, 240, 160]);
    expect([...validation, ...fit].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([...validation]).toEqual([...validation].sort((a, b) => a - b));
    expect([...fit]).toEqual([...fit].sort((a, b) => a - b));
    // A rare class keeps its share in both parts.
    const rare = labels([990, 10], 4);
    expect(perClass(rare, validationSplit({ type: "binary" }, rare, 1).validation, 2)).toEqual([198, 2]);
  });

  it("is the same for the same seed and another for another seed", () => {
    const y = labels([700, 300], 5);
    const a = validationSplit({ type: "binary" }, y, 1);
    expect(validationSplit({ type: "binary" }, y, 1)).toEqual(a);
    const b = validationSplit({ type: "binary" }, y, 2);
    expect(perClass(y, b.validation, 2)).toEqual([140, 60]);
    expect([...b.validation]).not.toEqual([...a.validation]);
  });

  it("holds out a seeded fifth of the rows for a real target", () => {
    const y = Float32Array.from({ length: 1001 }, (_, i) => i / 10);
    const { validation, fit } = validationSplit({ type: "real", relative: false }, y, 1);
    expect([validation.length, fit.length]).toEqual([200, 801]);
    expect([...validation]).toEqual([...new Random(1).fork(7).permutation(1001).subarray(0, 200)].sort((a, b) => a - b));
  });
});
