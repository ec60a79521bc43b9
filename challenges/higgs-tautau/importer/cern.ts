/**
 * Import of CERN Open Data's atlas-higgs-challenge-2014-v2.csv (record 328): the 818,238 events of the 2014
 * challenge in one file, with KaggleSet telling training (t), public test (b), private test (v) and unused (u) rows.
 */
import type { ByteSource } from "../../../scoring/parsing/byte-source";
import { selectEvents } from "../schema";
import { USAGE_PRIVATE, USAGE_PUBLIC } from "../split";
import {
  checkDataset,
  DEFAULT_PUBLIC_FRACTION,
  DEFAULT_TEST_FRACTION,
  splitLabelledEvents,
  type HiggsImport,
  type SplitOptions,
} from "./higgs-import";
import { ImportFormatError } from "./import-error";
import { CERN_LAYOUT, KAGGLE_SET, readEventFile } from "./read-events";

export const CERN_FILE_NAME = "atlas-higgs-challenge-2014-v2.csv";

export interface CernImportOptions {
  /** Name used in error messages (default the official file name). */
  fileName?: string;
  /**
   * Split the training rows (KaggleSet t) into train / Public / Private with this seed, for files without test
   * rows, such as the first rows of the official file. Only allowed when the file has no b or v rows.
   */
  split?: SplitOptions;
  maxBytes?: number;
}

function rowsOfSets(set: Uint8Array, codes: readonly number[]): Int32Array {
  let n = 0;
  for (const c of set) if (codes.includes(c)) n++;
  const rows = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < set.length; i++) if (codes.includes(set[i]!)) rows[k++] = i;
  return rows;
}

/** Parses and validates the file, keeping KaggleWeight as the weight and dropping unused (u) rows. */
export async function parseCernFile(src: ByteSource, opts: CernImportOptions = {}): Promise<HiggsImport> {
  const fileName = opts.fileName ?? CERN_FILE_NAME;
  const read = await readEventFile(src, CERN_LAYOUT, fileName, opts.maxBytes);
  const fail = (message: string): never => {
    throw new ImportFormatError(`The file ${fileName}`, [{ line: null, message }]);
  };
  const trainRows = rowsOfSets(read.kaggleSet, [KAGGLE_SET.training]);
  const testRows = rowsOfSets(read.kaggleSet, [KAGGLE_SET.publicTest, KAGGLE_SET.privateTest]);
  const rows = {
    training: trainRows.length,
    test: testRows.length,
    unused: read.kaggleSet.length - trainRows.length - testRows.length,
  };
  const manifest = { source: "cern-open-data", format: CERN_FILE_NAME, rows };
  if (trainRows.length === 0) fail("there are no training rows (KaggleSet t)");
  const training = selectEvents(read.events, trainRows);

  if (opts.split) {
    if (testRows.length > 0) {
      fail(
        `a seeded split is only for files without test rows, but this one has ${testRows.length} (KaggleSet b or v): import it without a split`,
      );
    }
    const parts = splitLabelledEvents(training, opts.split);
    checkDataset(parts.train, parts.solution);
    const split = {
      seed: opts.split.seed,
      testFraction: opts.split.testFraction ?? DEFAULT_TEST_FRACTION,
      publicFraction: opts.split.publicFraction ?? DEFAULT_PUBLIC_FRACTION,
    };
    return { ...parts, manifest: { ...manifest, split } };
  }

  if (testRows.length === 0) {
    fail("there are no test rows (KaggleSet b or v); to build a test set from the training rows, import with a split seed");
  }
  const test = selectEvents(read.events, testRows);
  // KaggleWeight is already renormalised per KaggleSet and class, exactly as Kaggle's leaderboards used it.
  const usage = Uint8Array.from(testRows, (row) => (read.kaggleSet[row] === KAGGLE_SET.publicTest ? USAGE_PUBLIC : USAGE_PRIVATE));
  const solution = { eventId: test.eventId, label: test.label, weight: test.weight, usage };
  checkDataset(training, solution);
  return { train: training, test, solution, manifest };
}
