/**
 * Imports real HiggsML data as a new challenge (into DATABASE_URL, or the embedded database under DATA_DIR):
 *   npm run import:higgs -- --cern atlas-higgs-challenge-2014-v2.csv[.gz] [--split-seed N [--test-fraction 0.4]
 *                           [--public-fraction 0.18]] --slug S --title T [--summary TEXT]
 *   npm run import:higgs -- --train training.csv --test test.csv --solution solution.csv --slug S --title T
 * --split-seed builds train / Public / Private from the training rows of a file that has no test rows.
 * Exit status: 0 imported, 2 bad input files (every problem, with file and line, on stderr), 1 anything else.
 * Stop the site first when it uses the embedded database: PGlite opens a data folder in one process only.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { higgsCernUpload, higgsKaggleUpload } from "../challenges/higgs-tautau/uploads";
import { type KindUpload, UploadError, type UploadInput } from "../challenges/kind";
import { getDbHandle } from "../db";
import { prepareUpload, storeUpload } from "../lib/challenges/import-upload";
import { env } from "../lib/env";
import { openInput } from "./lib/open-input";
import { runCli, UsageError } from "./lib/run-cli";
import { CsvFormatError } from "../scoring/parsing/errors";

const usage = `usage: npm run import:higgs -- --cern FILE [--split-seed N] [--test-fraction F] [--public-fraction F] --slug S --title T [--summary TEXT]
       npm run import:higgs -- --train training.csv --test test.csv --solution solution.csv --slug S --title T [--summary TEXT]`;

/** The upload the flags name (the Higgs kind's declarations) and its files and fields. */
function uploadFrom(values: Record<string, string | undefined>): { upload: KindUpload } & Omit<UploadInput, "seed"> {
  const kaggle = [values.train, values.test, values.solution];
  const split = {
    "split-seed": values["split-seed"],
    "test-fraction": values["test-fraction"],
    "public-fraction": values["public-fraction"],
  };
  if (values.cern !== undefined) {
    if (kaggle.some((v) => v !== undefined)) throw new UsageError("give either --cern or --train/--test/--solution, not both");
    return {
      upload: higgsCernUpload,
      files: { file: openInput(values.cern) },
      fileNames: { file: path.basename(values.cern) },
      fields: split,
    };
  }
  const [train, test, solution] = kaggle;
  if (train === undefined || test === undefined || solution === undefined)
    throw new UsageError("give --cern FILE, or all of --train, --test and --solution");
  if (Object.values(split).some((v) => v !== undefined))
    throw new UsageError("--split-seed, --test-fraction and --public-fraction apply to --cern files only");
  return {
    upload: higgsKaggleUpload,
    files: { training: openInput(train), test: openInput(test), solution: openInput(solution) },
    fileNames: { training: path.basename(train), test: path.basename(test), solution: path.basename(solution) },
    fields: {},
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: Object.fromEntries(
      ["cern", "split-seed", "test-fraction", "public-fraction", "train", "test", "solution", "slug", "title", "summary"].map((name) => [
        name,
        { type: "string" as const },
      ]),
    ),
  });
  if (!values.slug || !values.title) throw new UsageError("--slug and --title are required");
  // Files first: a bad file, the usual mistake, is reported without touching the database.
  const { upload, ...input } = uploadFrom(values);
  const prepared = await prepareUpload(upload, input);
  // An import may come before the site's first start, which is what creates the embedded database's folder.
  const { DATABASE_URL, DATA_DIR } = env();
  if (!DATABASE_URL) mkdirSync(DATA_DIR, { recursive: true });
  const handle = await getDbHandle();
  try {
    const result = await storeUpload(handle.db, prepared, { slug: values.slug, title: values.title, summary: values.summary });
    const m = result.manifest;
    console.log(
      `Imported challenge "${values.title}" (/challenges/${result.challenge.slug}): ${m.trainEvents} training and ${m.testEvents} test events.`,
    );
    console.log(`Weight sums per subset: ${JSON.stringify(m.weightSums)}`);
    console.log(`Parsed in ${(result.parseMs / 1000).toFixed(1)} s, stored in ${(result.storeMs / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await handle.close();
  }
}

runCli(main, { usage, inputErrors: [CsvFormatError, UploadError] });
