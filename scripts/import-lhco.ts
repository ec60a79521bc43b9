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
import { createReadStream, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createGunzip } from "node:zlib";
import { getDbHandle } from "../db";
import { importLhcoChallenge } from "../lib/challenges/import-lhco";
import { env } from "../lib/env";
import { runCli, UsageError } from "./lib/run-cli";
import { CsvFormatError } from "../scoring/errors";

const usage = "usage: npm run import:lhco -- --train FILE --test FILE --slug S --title T [--control N] [--seed N] [--public-fraction F] [--summary TEXT]";

async function* textChunks(file: string): AsyncGenerator<string> {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  stream.setEncoding("utf8");
  for await (const chunk of stream) yield chunk as string;
}

function integer<F extends number | undefined>(text: string | undefined, name: string, fallback: F): number | F {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: Object.fromEntries(["train", "test", "slug", "title", "summary", "control", "seed", "public-fraction"].map((n) => [n, { type: "string" as const }])),
  });
  if (!values.train || !values.test || !values.slug || !values.title) throw new UsageError("--train, --test, --slug and --title are required");
  const publicFraction = values["public-fraction"] === undefined ? undefined : Number(values["public-fraction"]);
  if (publicFraction !== undefined && !(publicFraction > 0 && publicFraction < 1)) throw new UsageError("--public-fraction must be between 0 and 1");
  const { DATABASE_URL, DATA_DIR } = env();
  if (!DATABASE_URL) mkdirSync(DATA_DIR, { recursive: true });
  const handle = await getDbHandle();
  try {
    const r = await importLhcoChallenge(
      handle.db,
      { train: textChunks(values.train), test: textChunks(values.test), trainName: path.basename(values.train), testName: path.basename(values.test) },
      { slug: values.slug, title: values.title, summary: values.summary, controlEvents: integer(values.control, "control", undefined), seed: integer(values.seed, "seed", undefined), publicFraction },
    );
    console.log(`Imported challenge "${values.title}" (/challenges/${r.challenge.slug}): ${JSON.stringify(r.subsets)}`);
    console.log(`Parsed in ${(r.parseMs / 1000).toFixed(1)} s, stored in ${(r.storeMs / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await handle.close();
  }
}

runCli(main, { usage, inputErrors: [CsvFormatError, RangeError] });
