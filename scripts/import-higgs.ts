/**
 * Imports real HiggsML data as a new challenge (into DATABASE_URL, or the embedded database under DATA_DIR):
 *   npm run import:higgs -- --cern atlas-higgs-challenge-2014-v2.csv[.gz] [--split-seed N [--test-fraction 0.4]
 *                           [--public-fraction 0.18]] --slug S --title T [--summary TEXT]
 *   npm run import:higgs -- --train training.csv --test test.csv --solution solution.csv --slug S --title T
 * --split-seed builds train / Public / Private from the training rows of a file that has no test rows.
 * Exit status: 0 imported, 2 bad input files (every problem, with file and line, on stderr), 1 anything else.
 * Stop the site first when it uses the embedded database: PGlite opens a data folder in one process only.
 */
import { createReadStream, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { HiggsImportSource } from "../challenges/higgs-tautau/importer";
import { getDbHandle } from "../db";
import { prepareHiggsImport, storeHiggsImport } from "../lib/challenges/import-higgs";
import { env } from "../lib/env";
import { runCli, UsageError } from "./lib/run-cli";
import { CsvFormatError } from "../scoring/errors";

const usage = `usage: npm run import:higgs -- --cern FILE [--split-seed N] [--test-fraction F] [--public-fraction F] --slug S --title T [--summary TEXT]
       npm run import:higgs -- --train training.csv --test test.csv --solution solution.csv --slug S --title T [--summary TEXT]`;

function open(file: string) {
  // Checked here so a typo is reported before the database is opened, not as a stream error half-way.
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  return createReadStream(file, { highWaterMark: 1 << 20 });
}

function fraction(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value > 0 && value < 1)) throw new UsageError(`--${name} must be a number between 0 and 1, got ${JSON.stringify(text)}`);
  return value;
}

function sourceFrom(values: Record<string, string | undefined>): HiggsImportSource {
  const kaggle = [values.train, values.test, values.solution];
  if (values.cern !== undefined) {
    if (kaggle.some((v) => v !== undefined)) throw new UsageError("give either --cern or --train/--test/--solution, not both");
    const seedText = values["split-seed"];
    const seed = seedText === undefined ? undefined : Number(seedText);
    if (seed !== undefined && !(Number.isSafeInteger(seed) && seed >= 0)) throw new UsageError(`--split-seed must be a non-negative integer, got ${JSON.stringify(seedText)}`);
    const testFraction = fraction(values["test-fraction"], "test-fraction");
    const publicFraction = fraction(values["public-fraction"], "public-fraction");
    if (seed === undefined && (testFraction !== undefined || publicFraction !== undefined)) throw new UsageError("--test-fraction and --public-fraction need --split-seed");
    const split = seed === undefined ? undefined : { seed, testFraction, publicFraction };
    return { format: "cern", file: open(values.cern), fileName: path.basename(values.cern), split };
  }
  const [train, test, solution] = kaggle;
  if (train === undefined || test === undefined || solution === undefined) throw new UsageError("give --cern FILE, or all of --train, --test and --solution");
  if (values["split-seed"] !== undefined) throw new UsageError("--split-seed applies to --cern files only");
  return {
    format: "kaggle",
    training: open(train),
    test: open(test),
    solution: open(solution),
    fileNames: { training: path.basename(train), test: path.basename(test), solution: path.basename(solution) },
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: Object.fromEntries(
      ["cern", "split-seed", "test-fraction", "public-fraction", "train", "test", "solution", "slug", "title", "summary"].map((name) => [name, { type: "string" as const }]),
    ),
  });
  if (!values.slug || !values.title) throw new UsageError("--slug and --title are required");
  // Files first: a bad file, the usual mistake, is reported without touching the database.
  const prepared = await prepareHiggsImport(sourceFrom(values));
  // An import may come before the site's first start, which is what creates the embedded database's folder.
  const { DATABASE_URL, DATA_DIR } = env();
  if (!DATABASE_URL) mkdirSync(DATA_DIR, { recursive: true });
  const handle = await getDbHandle();
  try {
    const result = await storeHiggsImport(handle.db, prepared, { slug: values.slug, title: values.title, summary: values.summary });
    const m = result.manifest;
    console.log(`Imported challenge "${values.title}" (/challenges/${result.challenge.slug}): ${m.trainEvents} training and ${m.testEvents} test events.`);
    console.log(`Weight sums per subset: ${JSON.stringify(m.weightSums)}`);
    console.log(`Parsed in ${(result.parseMs / 1000).toFixed(1)} s, stored in ${(result.storeMs / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await handle.close();
  }
}

runCli(main, { usage, inputErrors: [CsvFormatError] });
