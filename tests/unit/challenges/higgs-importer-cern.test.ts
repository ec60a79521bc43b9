import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { formatFeature } from "@/challenges/higgs-tautau/csv";
import { higgsImportDataset, ImportFormatError, KAGGLE_SET, parseCernFile, subsetSums } from "@/challenges/higgs-tautau/importer";
import { BACKGROUND_WEIGHT_TOTAL, SIGNAL_WEIGHT_TOTAL } from "@/challenges/higgs-tautau/schema";
import { simulateHiggs } from "@/challenges/higgs-tautau/simulator/simulate";
import { renormaliseWeights, USAGE_PRIVATE, USAGE_PUBLIC } from "@/challenges/higgs-tautau/split";
import { MAX_REPORTED_PROBLEMS } from "@/scoring/parsing/errors";
import { chunked, webStream } from "../scoring/helpers";
import { cernText, column, editLine, encode, importError, mixedSets, setField, text } from "./higgs-importer-files";

const events = simulateHiggs({ seed: 21, nEvents: 500 });
const sets = mixedSets(500);
const csv = cernText(events, sets);
const kaggleWeight = renormaliseWeights(events, sets);
const rowsOf = (code: number) => Array.from(sets.keys()).filter((i) => sets[i] === code);

describe("parseCernFile", () => {
  it("keeps t rows for training, b/v rows as Public/Private test events with KaggleWeight, and drops u rows", async () => {
    const imported = await parseCernFile(encode(csv));
    const train = rowsOf(KAGGLE_SET.training);
    const test = Array.from(sets.keys()).filter((i) => sets[i] === KAGGLE_SET.publicTest || sets[i] === KAGGLE_SET.privateTest);
    expect(Array.from(imported.train.eventId)).toEqual(train.map((i) => events.eventId[i]));
    expect(Array.from(imported.test.eventId)).toEqual(test.map((i) => events.eventId[i]));
    expect(Array.from(imported.train.weight)).toEqual(train.map((i) => kaggleWeight[i]));
    expect(Array.from(imported.train.label)).toEqual(train.map((i) => events.label[i]));
    // Features arrive as written: Kaggle's 3-decimal text.
    imported.test.features.forEach((col, f) => {
      expect(Array.from(col)).toEqual(test.map((i) => Number(formatFeature(events.features[f]![i]!, f))));
    });
    const { solution } = imported;
    expect(Array.from(solution.eventId)).toEqual(Array.from(imported.test.eventId));
    expect(Array.from(solution.usage)).toEqual(test.map((i) => (sets[i] === KAGGLE_SET.publicTest ? USAGE_PUBLIC : USAGE_PRIVATE)));
    expect(Array.from(solution.weight)).toEqual(test.map((i) => kaggleWeight[i]));
    const sums = subsetSums(solution);
    expect(sums.Public.s).toBeCloseTo(SIGNAL_WEIGHT_TOTAL, 6);
    expect(sums.Private.b).toBeCloseTo(BACKGROUND_WEIGHT_TOTAL, 4);
    expect(imported.manifest).toMatchObject({ source: "cern-open-data", rows: { training: 200, test: 250, unused: 50 } });
  });

  it("reads the same events from gzip, tiny chunks and web streams", async () => {
    const bytes = encode(csv);
    const plain = await parseCernFile(bytes);
    for (const src of [new Uint8Array(gzipSync(bytes)), chunked(bytes, 61), webStream(gzipSync(bytes), 101)]) {
      const again = await parseCernFile(src);
      expect(again.test.features).toEqual(plain.test.features);
      expect(again.solution).toEqual(plain.solution);
    }
  });

  it("builds downloads without test labels or weights, and a sample submission for every test event", async () => {
    const data = higgsImportDataset(await parseCernFile(encode(csv)));
    const [training, test, sample] = data.files.map((f) => text(f.chunks).trimEnd().split("\n"));
    expect(data.files.map((f) => [f.filename, f.rows])).toEqual([
      ["training.csv", 200],
      ["test.csv", 250],
      ["sample_submission.csv", 250],
    ]);
    expect(training![0]!.split(",").slice(-2)).toEqual(["Weight", "Label"]);
    expect(test![0]!.split(",")).toHaveLength(31);
    expect(test![0]).not.toMatch(/Weight|Label|KaggleSet/);
    expect(test!.slice(1).every((line) => line.split(",").length === 31)).toBe(true);
    expect(sample).toHaveLength(251);
    expect(data.manifest).toMatchObject({ trainEvents: 200, testEvents: 250 });
  });

  it("splits a training-only file with a seed, renormalising each part and subset to the full totals", async () => {
    const onlyTraining = cernText(events, new Uint8Array(500).fill(KAGGLE_SET.training));
    const split = { seed: 7, testFraction: 0.4, publicFraction: 0.18 };
    const a = await parseCernFile(encode(onlyTraining), { split });
    expect(a.test.eventId).toHaveLength(200);
    expect(a.train.eventId).toHaveLength(300);
    expect(a.solution.usage.filter((u) => u === USAGE_PUBLIC)).toHaveLength(36);
    const sums = subsetSums(a.solution);
    for (const subset of [sums.Public, sums.Private]) {
      expect(subset.s).toBeCloseTo(SIGNAL_WEIGHT_TOTAL, 6);
      expect(subset.b).toBeCloseTo(BACKGROUND_WEIGHT_TOTAL, 4);
    }
    let trainSignal = 0;
    a.train.weight.forEach((w, i) => (trainSignal += a.train.label[i] === 1 ? w : 0));
    expect(trainSignal).toBeCloseTo(SIGNAL_WEIGHT_TOTAL, 6);
    expect(a.manifest).toMatchObject({ split });
    const again = await parseCernFile(encode(onlyTraining), { split });
    expect(again.solution).toEqual(a.solution);
    const other = await parseCernFile(encode(onlyTraining), { split: { seed: 8 } });
    expect(other.test.eventId).not.toEqual(a.test.eventId);
  });
});

describe("parseCernFile on bad files", () => {
  it("names the missing and unknown header columns", async () => {
    const bad = csv.replace(",KaggleWeight\n", ",Kaggle_Weight\n");
    const e = await importError(() => parseCernFile(encode(bad), { fileName: "atlas.csv" }));
    expect(e.message).toMatch(/^The file atlas\.csv has 2 problems/);
    expect(e.message).toContain('line 1: unexpected column "Kaggle_Weight"');
    expect(e.message).toContain('line 1: missing column "KaggleWeight"');
  });

  // The header is line 1, so event i is on line i + 2.
  it("reports every bad row with its line, each problem with its reason", async () => {
    let bad = setField(csv, 3, "DER_mass_MMC", "abc");
    bad = setField(bad, 4, "Label", "x");
    bad = setField(bad, 5, "KaggleSet", "q");
    bad = setField(bad, 6, "EventId", String(events.eventId[0]));
    bad = setField(bad, 7, "PRI_jet_num", "1.5");
    bad = setField(bad, 8, "KaggleWeight", "-0.5");
    bad = setField(bad, 9, "EventId", "12a");
    bad = editLine(bad, 10, (fields) => fields.slice(0, -1));
    bad = setField(bad, 11, "PRI_met", "inf");
    bad = setField(bad, 12, "EventId", "99999999999");
    const e = await importError(() => parseCernFile(encode(bad)));
    expect(e).toBeInstanceOf(ImportFormatError);
    expect(e.problems).toEqual([
      { line: 3, message: 'DER_mass_MMC "abc" is not a finite number' },
      { line: 4, message: 'Label "x" is not s or b' },
      { line: 5, message: 'KaggleSet "q" is not t, b, v or u' },
      { line: 7, message: 'PRI_jet_num "1.5" is not 0, 1, 2 or 3' },
      { line: 8, message: 'KaggleWeight "-0.5" is not a positive finite number' },
      { line: 9, message: 'EventId "12a" is not a whole number from 0 to 2147483647' },
      { line: 10, message: "expected 35 fields, found 34" },
      { line: 11, message: 'PRI_met "inf" is not a finite number' },
      { line: 12, message: 'EventId "99999999999" is not a whole number from 0 to 2147483647' },
      { line: 6, message: `EventId ${events.eventId[0]} appears again (first at line 2)` },
    ]);
  });

  it("caps the report and counts the rest", async () => {
    const k = column(csv, "Label");
    const bad = csv
      .split("\n")
      .map((l, i) =>
        i === 0 || l === ""
          ? l
          : l
              .split(",")
              .map((f, j) => (j === k ? "S" : f))
              .join(","),
      )
      .join("\n");
    const e = await importError(() => parseCernFile(encode(bad)));
    expect(e.problems).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(e.totalProblems).toBe(500);
    expect(e.message.split("\n").at(-1)).toBe(`  and ${500 - MAX_REPORTED_PROBLEMS} more problems`);
  });

  it("rejects a file without test rows unless a split is asked for, and a split of a file that has them", async () => {
    const onlyTraining = cernText(events, new Uint8Array(500).fill(KAGGLE_SET.training));
    await expect(parseCernFile(encode(onlyTraining))).rejects.toThrow(/no test rows \(KaggleSet b or v\).*split seed/);
    await expect(parseCernFile(encode(csv), { split: { seed: 1 } })).rejects.toThrow(
      /only for files without test rows, but this one has 250/,
    );
    const noTraining = cernText(events, new Uint8Array(500).fill(KAGGLE_SET.privateTest));
    await expect(parseCernFile(encode(noTraining))).rejects.toThrow(/no training rows/);
  });

  it("rejects test sets whose leaderboard subsets lack a class or a subset", async () => {
    const onlyPrivate = Uint8Array.from(sets, (s) => (s === KAGGLE_SET.publicTest ? KAGGLE_SET.privateTest : s));
    await expect(parseCernFile(encode(cernText(events, onlyPrivate)))).rejects.toThrow(
      /the Public test subset has 0 signal and 0 background events/,
    );
  });

  it("rejects empty, header-only, binary and truncated gzip files", async () => {
    await expect(parseCernFile(encode(""))).rejects.toThrow(/the file is empty/);
    await expect(parseCernFile(encode(csv.slice(0, csv.indexOf("\n") + 1)))).rejects.toThrow(/header but no rows/);
    await expect(parseCernFile(new Uint8Array([0x00, 0x01, 0x02, 0x0a]))).rejects.toThrow(/not a CSV text file/);
    const gz = gzipSync(encode(csv));
    await expect(parseCernFile(new Uint8Array(gz.subarray(0, gz.length >> 1)))).rejects.toThrow(/truncated or corrupt/);
  });

  it("stops at the size limit", async () => {
    await expect(parseCernFile(encode(csv), { maxBytes: 10_000 })).rejects.toThrow(/larger than the limit/);
  });
});
