/**
 * Import of Kaggle's HiggsML files: training.csv (EventId, features, Weight, Label), test.csv (EventId, features)
 * and a solution file (EventId, Label, Weight, Usage, read by scoring/'s own parser) whose ids must be exactly
 * the test set's.
 */
import type { ByteSource } from "../../../scoring/parsing/byte-source";
import type { FormatProblem } from "../../../scoring/parsing/errors";
import type { Solution } from "../../../scoring/solution";
import { parseSolution } from "../../../scoring/parsing/solution-csv";
import type { GeneratedSolution } from "../../built-in";
import { checkDataset, type HiggsImport } from "./higgs-import";
import { ImportFormatError, listIds } from "./import-error";
import { IMPORT_MAX_BYTES, KAGGLE_TEST_LAYOUT, KAGGLE_TRAINING_LAYOUT, readEventFile } from "./read-events";

export interface KaggleFiles {
  training: ByteSource;
  test: ByteSource;
  solution: ByteSource;
}

export interface KaggleImportOptions {
  /** Names used in error messages (default training.csv, test.csv, solution.csv). */
  fileNames?: { training?: string; test?: string; solution?: string };
  maxBytes?: number;
}

/** Canonical decimal integer (no sign, no leading zero) or -1: "007" must not silently match test id 7. */
function integerId(id: string): number {
  if (!/^(0|[1-9][0-9]{0,9})$/.test(id)) return -1;
  const v = Number(id);
  return v <= 2 ** 31 - 1 ? v : -1;
}

/** Merge of two ascending arrays without duplicates: the values only in `a`, and those in both. */
function compareSorted(a: Float64Array | Int32Array, b: Float64Array | Int32Array): { onlyInA: number[]; inBoth: number[] } {
  const onlyInA: number[] = [];
  const inBoth: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j]! < a[i]!) j++;
    (j < b.length && b[j] === a[i] ? inBoth : onlyInA).push(a[i]!);
  }
  return { onlyInA, inBoth };
}

/** The solution's ids must be exactly the test set's: a missing row would be unscoreable, an extra one a leak risk. */
function matchIds(testIds: Int32Array, solution: Solution, names: { test: string; solution: string }): Int32Array {
  const problems: FormatProblem[] = [];
  const numeric = new Float64Array(solution.ids.length);
  const malformed: string[] = [];
  for (let i = 0; i < numeric.length; i++) {
    const id = solution.ids.at(i);
    numeric[i] = integerId(id);
    if (numeric[i]! < 0) malformed.push(id);
  }
  if (malformed.length > 0) {
    const shown = listIds(malformed.map((id) => JSON.stringify(id)));
    problems.push({
      line: null,
      message: `${malformed.length} EventIds of ${names.solution} are not whole numbers, so not in ${names.test}: ${shown}`,
    });
  }
  const sortedSolution = numeric.filter((v) => v >= 0).sort();
  const sortedTest = testIds.slice().sort();
  const missing = compareSorted(sortedTest, sortedSolution).onlyInA;
  const extra = compareSorted(sortedSolution, sortedTest).onlyInA;
  if (missing.length > 0) {
    problems.push({
      line: null,
      message: `${names.solution} has no row for ${missing.length} events of ${names.test}: EventId ${listIds(missing)}`,
    });
  }
  if (extra.length > 0) {
    problems.push({
      line: null,
      message: `${names.solution} has ${extra.length} EventIds that are not in ${names.test}: ${listIds(extra)}`,
    });
  }
  if (problems.length > 0) throw new ImportFormatError(`The solution ${names.solution}`, problems);
  return Int32Array.from(numeric);
}

/** An event in both files would let competitors read its label from training.csv. */
function checkDisjoint(trainIds: Int32Array, testIds: Int32Array, names: { training: string; test: string }): void {
  const shared = compareSorted(testIds.slice().sort(), trainIds.slice().sort()).inBoth;
  if (shared.length === 0) return;
  throw new ImportFormatError("The imported dataset", [
    { line: null, message: `${shared.length} EventIds are in both ${names.training} and ${names.test}: ${listIds(shared)}` },
  ]);
}

/** Parses and cross-checks the three files; the solution's weights and Usage are kept as given. */
export async function parseKaggleFiles(files: KaggleFiles, opts: KaggleImportOptions = {}): Promise<HiggsImport> {
  const names = {
    training: opts.fileNames?.training ?? "training.csv",
    test: opts.fileNames?.test ?? "test.csv",
    solution: opts.fileNames?.solution ?? "solution.csv",
  };
  const maxBytes = opts.maxBytes ?? IMPORT_MAX_BYTES;
  const train = (await readEventFile(files.training, KAGGLE_TRAINING_LAYOUT, names.training, maxBytes)).events;
  const test = (await readEventFile(files.test, KAGGLE_TEST_LAYOUT, names.test, maxBytes)).events;
  checkDisjoint(train.eventId, test.eventId, names);
  const parsed = await parseSolution(files.solution, { maxBytes });
  const solution: GeneratedSolution = {
    eventId: matchIds(test.eventId, parsed, names),
    label: parsed.labels,
    weight: parsed.weights,
    usage: parsed.usage,
  };
  checkDataset(train, solution);
  return { train, test, solution, manifest: { source: "kaggle", files: names } };
}
