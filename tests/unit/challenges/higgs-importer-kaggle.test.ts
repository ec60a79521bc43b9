import { describe, expect, it } from "vitest";
import { solutionCsv, testCsv, trainingCsv } from "@/challenges/higgs-tautau/csv";
import { higgsImportDataset, parseCernFile, parseKaggleFiles, type KaggleFiles } from "@/challenges/higgs-tautau/importer";
import { selectEvents } from "@/challenges/higgs-tautau/schema";
import { simulateHiggs } from "@/challenges/higgs-tautau/simulator/simulate";
import { splitTestSet, trainTestSplit, USAGE_PUBLIC } from "@/challenges/higgs-tautau/split";
import { SolutionFormatError } from "@/scoring/parsing/errors";
import { cernText, encode, importError, mixedSets, setField, text } from "./higgs-importer-files";

const events = simulateHiggs({ seed: 33, nEvents: 400 });
const { train, test } = trainTestSplit(events, { seed: 1, testFraction: 0.5 });
const split = splitTestSet(test, { seed: 2 });
const files = {
  training: text(trainingCsv(train)),
  test: text(testCsv(test)),
  solution: text(solutionCsv(test, split.usage, split.weight)),
};
const parse = (changed: Partial<typeof files> = {}, opts = {}) => {
  const f = { ...files, ...changed };
  const sources: KaggleFiles = { training: encode(f.training), test: encode(f.test), solution: encode(f.solution) };
  return parseKaggleFiles(sources, opts);
};
/** The solution file without the rows of these test events. */
const withoutRows = (csv: string, ids: number[]) =>
  csv
    .split("\n")
    .filter((l) => !ids.includes(Number(l.split(",")[0])))
    .join("\n");

describe("parseKaggleFiles", () => {
  it("reads training.csv, test.csv and the solution, keeping the solution's weights and Usage as given", async () => {
    const imported = await parse();
    expect(imported.train.eventId).toEqual(train.eventId);
    expect(imported.train.label).toEqual(train.label);
    expect(imported.train.weight).toEqual(train.weight);
    expect(imported.test.eventId).toEqual(test.eventId);
    expect(imported.solution).toEqual({ eventId: test.eventId, label: test.label, weight: split.weight, usage: split.usage });
    expect(imported.manifest).toEqual({
      source: "kaggle",
      files: { training: "training.csv", test: "test.csv", solution: "solution.csv" },
    });
  });

  it("accepts the solution rows in any order", async () => {
    const [header, ...rows] = files.solution.trimEnd().split("\n");
    const shuffled = [header, ...rows.reverse()].join("\n");
    const imported = await parse({ solution: shuffled });
    expect(imported.solution.eventId).toEqual(test.eventId.slice().reverse());
  });

  it("round-trips a CERN import through the downloads and its solution", async () => {
    const cern = await parseCernFile(encode(cernText(events, mixedSets(400))));
    const [training, testFile] = higgsImportDataset(cern).files.map((f) => text(f.chunks));
    const solution = text(solutionCsv(cern.test, cern.solution.usage, cern.solution.weight));
    const again = await parse({ training, test: testFile, solution });
    expect(again.solution).toEqual(cern.solution);
    expect(again.train).toEqual(cern.train);
    expect(again.test.features).toEqual(cern.test.features);
  });
});

describe("parseKaggleFiles on bad files", () => {
  it("lists the test events missing from the solution and the solution's unknown ids, capped", async () => {
    const missing = Array.from(test.eventId.subarray(0, 12));
    const extraRows = ["999001,s,1.5,Public", "999002,b,2.5,Private", "0042,b,1,Private"].join("\n");
    const solution = `${withoutRows(files.solution, missing).trimEnd()}\n${extraRows}\n`;
    const e = await importError(() => parse({ solution }, { fileNames: { solution: "answers.csv" } }));
    expect(e.message).toMatch(/^The solution answers\.csv has 3 problems/);
    expect(e.message).toContain('1 EventIds of answers.csv are not whole numbers, so not in test.csv: "0042"');
    expect(e.message).toContain(
      `answers.csv has no row for 12 events of test.csv: EventId ${missing.slice(0, 10).join(", ")}, … (and 2 more)`,
    );
    expect(e.message).toContain("answers.csv has 2 EventIds that are not in test.csv: 999001, 999002");
  });

  it("rejects a test.csv that carries labels or weights", async () => {
    const e = await importError(() => parse({ test: files.training }));
    expect(e.message).toContain('line 1: unexpected column "Weight"');
    expect(e.message).toContain('line 1: unexpected column "Label"');
  });

  it("rejects events that are in both training.csv and test.csv", async () => {
    const id = String(train.eventId[3]);
    const testFile = setField(files.test, 2, "EventId", id);
    const solution = files.solution.replace(`\n${test.eventId[0]},`, `\n${id},`);
    await expect(parse({ test: testFile, solution })).rejects.toThrow(`1 EventIds are in both training.csv and test.csv: ${id}`);
  });

  it("reports bad rows of training.csv and test.csv with their file and line", async () => {
    await expect(parse({ training: setField(files.training, 5, "Weight", "0") })).rejects.toThrow(
      /^The file training\.csv has 1 problem:\n {2}line 5: Weight "0" is not a positive finite number$/,
    );
    await expect(parse({ test: setField(files.test, 9, "PRI_tau_eta", "") })).rejects.toThrow(
      /^The file test\.csv .*\n {2}line 9: PRI_tau_eta "" is not a finite number$/,
    );
  });

  it("passes on the solution parser's own errors", async () => {
    const solution = setField(files.solution, 2, "Label", "x");
    await expect(parse({ solution })).rejects.toBeInstanceOf(SolutionFormatError);
  });

  it("rejects a solution whose Public subset has no signal", async () => {
    const solution = files.solution
      .split("\n")
      .map((l) => (l.endsWith(",Public") && l.split(",")[1] === "s" ? l.replace(",Public", ",Private") : l))
      .join("\n");
    expect(split.usage.some((u, i) => u === USAGE_PUBLIC && test.label[i] === 1)).toBe(true);
    await expect(parse({ solution })).rejects.toThrow(/the Public test subset has 0 signal and \d+ background events/);
  });

  it("rejects a training set of one class", async () => {
    const background = selectEvents(
      train,
      Array.from(train.label.keys()).filter((i) => train.label[i] === 0),
    );
    await expect(parse({ training: text(trainingCsv(background)) })).rejects.toThrow(/the training events are all background/);
  });
});
