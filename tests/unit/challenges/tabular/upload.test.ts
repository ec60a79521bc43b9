import { describe, expect, it } from "vitest";
import { findKind } from "@/challenges";
import { UploadError } from "@/challenges/kind";
import { tabularDataset } from "@/challenges/tabular/upload";

const bytes = (s: string) => new TextEncoder().encode(s);
const train = bytes("x,y,mass\n0.1,0.2,120\n0.3,0.4,91\n");
const test = bytes("EventId,x,y\n1,0.5,0.6\n2,0.7,0.8\n3,0.9,1.0\n");

async function problems(p: Promise<unknown>): Promise<string[]> {
  const err = await p.then(
    () => expect.unreachable("accepted"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UploadError);
  return (err as UploadError).issues.map((i) => `${i.file}${i.line === null ? "" : `:${i.line}`} ${i.message}`);
}

describe("a tabular dataset from the organiser's three files", () => {
  it("keeps a regression key's values, publishes train.csv and test.csv as given and records the target", async () => {
    const solution = bytes("EventId,Label,Usage\n1,125.5,Public\n2,91.2,Private\n3,80,Public\n");
    const data = await tabularDataset({ train, test, solution, target: "real" });
    expect(Array.from(data.solution.eventId)).toEqual([1, 2, 3]);
    expect(Array.from(data.solution.value!)).toEqual([125.5, 91.2, 80]);
    expect(Array.from(data.solution.usage)).toEqual([1, 2, 1]);
    expect(data.solution.target).toEqual({ type: "real" });
    expect(data.manifest.target).toEqual({ type: "real" });
    expect(data.files.map((f) => [f.filename, f.rows, [...f.chunks].join("")])).toEqual([
      ["train.csv", 2, new TextDecoder().decode(train)],
      ["test.csv", 3, new TextDecoder().decode(test)],
    ]);
  });

  it("reads Kaggle's Class header and the organiser's class order for a multi-class key", async () => {
    const solution = bytes("EventId,Class,Weight,Usage\n1,VBF,2,Public\n2,ggH,1,Private\n3,Ztautau,1,Private\n");
    const data = await tabularDataset({ train, test, solution, target: "multiclass", classes: ["ggH", "VBF", "Ztautau"] });
    expect(Array.from(data.solution.label)).toEqual([1, 0, 2]);
    expect(Array.from(data.solution.weight)).toEqual([2, 1, 1]);
    expect(data.solution.target).toEqual({ type: "multiclass", classes: ["ggH", "VBF", "Ztautau"] });
  });

  it("refuses a test file that carries the answers, with ids that differ from the key's, naming file and line", async () => {
    const leaky = bytes("EventId,x,Label\n1,0.5,1\n4,0.7,0\n1,0.9,1\n");
    const solution = bytes("EventId,Label,Usage\n1,1,Public\n2,0,Private\n3,1,Private\n");
    expect(await problems(tabularDataset({ train, test: leaky, solution, target: "binary" }))).toEqual([
      'test.csv:1 column "Label" belongs to the answer key: competitors download test.csv, so it must not carry it',
      'test.csv:3 EventId "4" has no row in solution.csv',
      'test.csv:4 EventId "1" appears twice (first on line 2)',
      'solution.csv:3 EventId "2" is not in test.csv',
      'solution.csv:4 EventId "3" is not in test.csv',
    ]);
  });

  it("refuses a key without a Private row, ids that are not whole numbers, and a bad row in any file", async () => {
    const t = bytes("EventId,x\nA1,0.5\n2,0.7\n");
    const solution = bytes("EventId,Label,Usage\nA1,1,Public\n2,0,Public\n");
    expect(await problems(tabularDataset({ train: bytes("x,y\n1\n"), test: t, solution, target: "binary" }))).toEqual([
      "train.csv:2 expected 2 fields, found 1",
      'solution.csv:2 EventId "A1" is not a whole number from 0 to 2147483647',
      "solution.csv no Private rows: each leaderboard needs some (Usage column)",
    ]);
  });

  it("reports a key that is not of the chosen target type with its lines", async () => {
    const solution = bytes("EventId,Label,Usage\n1,heavy,Public\n2,0,Private\n3,1,Private\n");
    const found = await problems(tabularDataset({ train, test, solution, target: "binary" }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^solution\.csv:2 Label "heavy"/);
  });
});

describe("the tabular kind's upload form", () => {
  const upload = findKind("tabular")!.uploads![0]!;
  const files = { train, test, solution: bytes("EventId,Label,Usage\n1,125.5,Public\n2,91.2,Private\n3,80,Public\n") };

  it("offers only metrics that suit a target, each with its direction", () => {
    const metric = upload.fields.find((f) => f.name === "metric")!;
    expect(metric.options!.map((o) => o.value)).toEqual(expect.arrayContaining(["rmse", "mae", "r2", "accuracy", "log-loss", "auc"]));
    expect(metric.options!.map((o) => o.value)).not.toContain("ams");
    expect(metric.options!.find((o) => o.value === "rmse")!.label).toMatch(/lower is better/);
  });

  it("makes the challenge's metric and parameters, and refuses a metric that cannot score the target", async () => {
    const prepared = await upload.prepare({ files, seed: 1, fields: { target: "real", metric: "rmse" } });
    expect(prepared.metricId).toBe("rmse");
    expect(prepared.data.solution.value).toBeDefined();
    expect(await problems(upload.prepare({ files, seed: 1, fields: { target: "real", metric: "accuracy" } }))).toEqual([
      expect.stringMatching(/^metric Accuracy scores .*binary.* targets, not real$/),
    ]);
  });

  it("checks an organiser's metric parameter against its range", async () => {
    const binary = { ...files, solution: bytes("EventId,Label,Usage\n1,1,Public\n2,0,Private\n3,1,Public\n") };
    const ok = await upload.prepare({ files: binary, seed: 1, fields: { target: "binary", metric: "rejection-at-eps-s", epsS: "0.3" } });
    expect(ok.config).toEqual({ metricParams: { epsS: 0.3 } });
    const bad = await problems(
      upload.prepare({ files: binary, seed: 1, fields: { target: "binary", metric: "rejection-at-eps-s", epsS: "3" } }),
    );
    expect(bad).toEqual([expect.stringMatching(/^metric .*epsS.* must be a number with 0\.001 ≤ epsS ≤ 1, got 3$/)]);
  });

  it("names a missing file and an unknown target", async () => {
    expect(await problems(upload.prepare({ files: { train }, seed: 1, fields: { target: "ordinal", metric: "rmse" } }))).toEqual([
      'target choose binary, multiclass or real (got "ordinal")',
      "test.csv attach this file",
      "solution.csv attach this file",
    ]);
  });
});
