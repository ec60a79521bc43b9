/**
 * Imports the LHC Olympics 2020 R&D high-level features as a new anomaly-detection challenge (Track A):
 *   npm run import:lhco -- --train lhco2020-rnd-sr-train.csv.gz --test lhco2020-rnd-sr-test.csv.gz --slug S --title T
 *                          [--control 10000] [--seed N] [--public-fraction 0.3] [--summary TEXT]
 * The training file's signal events are dropped (Track A trains on background only) and --control of its
 * background events are hidden among the test events for the mass-sculpting gate. Labels stay on the server.
 * Without --seed the control draw and the Public/Private split come from a fresh 256-bit secret key; a typed --seed
 * makes them reproducible, and so reconstructable by anyone who learns it.
 * Exit status: 0 imported, 2 bad input file (every problem with its line), 1 anything else.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { lhcoUpload } from "../challenges/anomaly-detection/upload";
import { UploadError } from "../challenges/kind";
import { getDbHandle } from "../db";
import { prepareUpload, storeUpload } from "../lib/challenges/import-upload";
import { env } from "../lib/env";
import { openInput } from "./lib/open-input";
import { runCli, UsageError } from "./lib/run-cli";
import { CsvFormatError } from "../scoring/parsing/errors";

const usage =
  "usage: npm run import:lhco -- --train FILE --test FILE --slug S --title T [--control N] [--seed N] [--public-fraction F] [--summary TEXT]";

function integer(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: Object.fromEntries(
      ["train", "test", "slug", "title", "summary", "control", "seed", "public-fraction"].map((n) => [n, { type: "string" as const }]),
    ),
  });
  if (!values.train || !values.test || !values.slug || !values.title)
    throw new UsageError("--train, --test, --slug and --title are required");
  const prepared = await prepareUpload(lhcoUpload, {
    files: { train: openInput(values.train), test: openInput(values.test) },
    fileNames: { train: path.basename(values.train), test: path.basename(values.test) },
    fields: { control: values.control, "public-fraction": values["public-fraction"] },
    seed: integer(values.seed, "seed"),
  });
  const { DATABASE_URL, DATA_DIR } = env();
  if (!DATABASE_URL) mkdirSync(DATA_DIR, { recursive: true });
  const handle = await getDbHandle();
  try {
    const r = await storeUpload(handle.db, prepared, { slug: values.slug, title: values.title, summary: values.summary });
    console.log(`Imported challenge "${values.title}" (/challenges/${r.challenge.slug}): ${JSON.stringify(r.manifest.subsets)}`);
    console.log(`Parsed in ${(r.parseMs / 1000).toFixed(1)} s, stored in ${(r.storeMs / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await handle.close();
  }
}

runCli(main, { usage, inputErrors: [CsvFormatError, UploadError, RangeError] });
