import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { describe, expect, it } from "vitest";
import { labelledCsv, publishedValue } from "@/challenges/anomaly-detection/csv";
import { USAGE_CONTROL } from "@/challenges/anomaly-detection/dataset";
import { datasetFromLhco } from "@/challenges/anomaly-detection/importer/lhco-dataset";
import { linesOf, parseLhcoCsv } from "@/challenges/anomaly-detection/importer/lhco-csv";
import { type AnomalyEvents, countSignal, FEATURE } from "@/challenges/anomaly-detection/schema";
import { simulateAnomaly } from "@/challenges/anomaly-detection/simulator/simulate";
import { SHARED_DATA_DIR } from "@/lib/shared-data";
import type { CsvFormatError } from "@/scoring/parsing/errors";

const TEV_HEADER = "mjj_TeV,mj_min_TeV,delta_mj_TeV,tau21_jmin,tau21_jmax,label";
const parse = (text: string) => parseLhcoCsv(text.split("\n"), { fileName: "train.csv" });

async function problemsOf(text: string): Promise<CsvFormatError> {
  const error = await parse(text).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect((error as Error).name).toBe("ImportFormatError");
  return error as CsvFormatError;
}

describe("parseLhcoCsv", () => {
  it("reads the CATHODE TeV layout into GeV columns (the doc's worked example)", async () => {
    const events = await parse(
      `${TEV_HEADER}\n3.5,0.1,0.4,0.35,0.2,1\n3.3355457300174103,-1.0789600310090463e-08,0.07709530955669015,0.0,0.5397465270341721,0\n`,
    );
    expect(Array.from(events.label)).toEqual([1, 0]);
    expect(events.features.map((c) => c[0])).toEqual([3500, 100, 400, 0.35, 0.2]);
    // The file's own digits, kept as written although they exceed double precision.
    // eslint-disable-next-line no-loss-of-precision
    expect(events.features[FEATURE.mj1]![1]).toBeCloseTo(-1.0789600310090463e-5, 18);
    expect(events.features[FEATURE.tau21_1]![1]).toBe(0);
  });

  it("reads this project's GeV layout back exactly as written (labelledCsv)", async () => {
    const { events } = simulateAnomaly({ seed: 4, nEvents: 300, signalFraction: 0.1 });
    const read = await parseLhcoCsv(linesOf(labelledCsv(events)));
    expect(read.label).toEqual(events.label);
    events.features.forEach((column, f) => expect(Array.from(read.features[f]!)).toEqual(Array.from(column, (x) => publishedValue(x, f))));
  });

  it("splits text chunks into lines whatever the chunk boundaries, CRLF included", async () => {
    const text = `${TEV_HEADER}\r\n3.5,0.1,0.4,0.35,0.2,1\r\n3.4,0.2,0.1,0.5,0.6,0\r\n`;
    const chunks = [text.slice(0, 7), text.slice(7, 60), text.slice(60, 61), text.slice(61)];
    const events = await parseLhcoCsv(linesOf(chunks));
    expect(Array.from(events.features[FEATURE.mjj]!)).toEqual([3500, 3400]);
    expect(Array.from(events.label)).toEqual([1, 0]);
  });

  it("names the line and the reason of every problem", async () => {
    const error = await problemsOf(
      `${TEV_HEADER}\n3.5,0.1,0.4,0.35,0.2,1\n3.5,0.1,0.4,0.35,1\n3.5,abc,0.4,0.35,0.2,0\n3.5,0.1,0.4,0.35,0.2,2\n0x10,0.1,,0.35,0.2,0\n`,
    );
    expect(error.problems).toEqual([
      { line: 3, message: "5 columns; expected 6" },
      { line: 4, message: 'mj_min_TeV "abc" is not a finite number' },
      { line: 5, message: 'label "2" is not 0 or 1' },
      { line: 6, message: 'mjj_TeV "0x10" is not a finite number' },
      { line: 6, message: 'delta_mj_TeV "" is not a finite number' },
    ]);
    expect(error.message).toMatch(/^The file train\.csv has 5 problems:\n {2}line 3: 5 columns; expected 6/);
  });

  it("refuses a wrong header at once, and a file without events", async () => {
    const header = await problemsOf("mjj,mj_min,delta_mj,tau21_jmin,tau21_jmax,label\n3.5,0.1,0.4,0.35,0.2,1\n");
    expect(header.problems).toHaveLength(1);
    expect(header.problems[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/^the header is "mjj,mj_min,.*"; expected "mjj_TeV,mj_min_TeV/),
    });
    expect((await problemsOf(`${TEV_HEADER}\n\n`)).problems).toEqual([{ line: null, message: "there are no events after the header" }]);
    expect((await problemsOf("")).problems[0]!.line).toBe(1);
  });
});

describe("datasetFromLhco", () => {
  const train = simulateAnomaly({ seed: 1, nEvents: 3000, signalFraction: 0.01 }).events;
  const test = simulateAnomaly({ seed: 2, nEvents: 2000, signalFraction: 0.05 }).events;

  it("drops the training signal, moves control events from the training background into test.csv", () => {
    const dataset = datasetFromLhco(train, test, { seed: 5, controlEvents: 500 });
    expect(dataset.files.map((f) => [f.filename, f.rows])).toEqual([
      ["train.csv", 2470],
      ["test.csv", 2500],
      ["sample_submission.csv", 2500],
    ]);
    expect(dataset.solution.label.reduce((a, b) => a + b, 0)).toBe(100);
    expect(dataset.solution.usage.filter((u) => u === USAGE_CONTROL)).toHaveLength(500);
    expect(dataset.manifest).toMatchObject({
      source: "lhco2020-rnd",
      trainFileEvents: 3000,
      trainFileSignalDropped: 30,
      controlEvents: 500,
    });
  });

  it("refuses impossible configurations", () => {
    expect(() => datasetFromLhco(train, test, { seed: 5, controlEvents: 2970 })).toThrow(/below the 2970 background events/);
    const noSignal = simulateAnomaly({ seed: 2, nEvents: 100, signalFraction: 0 }).events;
    expect(() => datasetFromLhco(train, noSignal, { seed: 5, controlEvents: 10 })).toThrow(/no signal events/);
  });
});

const DATA = SHARED_DATA_DIR;
const FILES = ["train", "val", "test", "extrasig"].map((name) => path.join(DATA, `lhco2020-rnd-sr-${name}.csv.gz`));
const missing = FILES.filter((f) => !existsSync(f));
if (missing.length > 0) console.warn(`LHCO 2020 R&D import tests skipped: ${missing.join(", ")} not found`);

function readReal(file: string): Promise<AnomalyEvents> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  return parseLhcoCsv(lines, { fileName: path.basename(file) });
}

describe.skipIf(missing.length > 0)("the real LHC Olympics 2020 R&D signal-region files", () => {
  it("read with the README's row and signal counts, masses in GeV inside the signal region", async () => {
    const [train, val, test, extrasig] = await Promise.all(FILES.map(readReal));
    expect([train, val, test, extrasig].map((e) => [e!.label.length, countSignal(e!)])).toEqual([
      [60_000, 395],
      [60_000, 369],
      [60_000, 20_000],
      [74_527, 74_527],
    ]);
    const mjj = train!.features[FEATURE.mjj]!;
    expect(mjj.every((m) => m >= 3300 && m <= 3700)).toBe(true);
    expect(mjj[0]).toBeCloseTo(3606.919638054378, 9);

    const dataset = datasetFromLhco(train!, test!, { seed: 2020, controlEvents: 10_000 });
    expect(dataset.files.map((f) => f.rows)).toEqual([49_605, 70_000, 70_000]);
    expect(dataset.solution.label.reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(dataset.control.mjj).toHaveLength(10_000);
    expect(dataset.control.mjj.every((m) => m >= 3300 && m <= 3700)).toBe(true);
  }, 60_000);
});
