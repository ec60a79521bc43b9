/**
 * Imports the LHC Olympics 2020 R&D high-level features as a new anomaly-detection challenge (Track A):
 *   npm run import:lhco -- --train lhco2020-rnd-sr-train.csv.gz --test lhco2020-rnd-sr-test.csv.gz --slug S --title T
 *                          [--control 10000] [--seed N] [--public-fraction 0.3] [--summary TEXT]
 * The training file's signal events are dropped (Track A trains on background only) and --control of its
 * background events are hidden among the test events for the mass-sculpting gate. Labels stay on the server.
 * Exit status: 0 imported, 2 bad input file (every problem with its line), 1 anything else.
 */
import { randomInt } from "node:crypto";
import { createReadStream, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createGunzip } from "node:zlib";
import { anomalyDescription, datasetFromLhco, linesOf, parseLhcoCsv } from "../challenges/anomaly-detection";
import { getDbHandle } from "../db";
import { createChallengeWithDataset } from "../db/create-challenge";
import { env } from "../lib/env";
import { runCli, UsageError } from "./lib/run-cli";
import { CsvFormatError } from "../scoring/errors";

const usage = "usage: npm run import:lhco -- --train FILE --test FILE --slug S --title T [--control N] [--seed N] [--public-fraction F] [--summary TEXT]";
const DAY_MS = 86_400_000;

async function* textChunks(file: string): AsyncGenerator<string> {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  stream.setEncoding("utf8");
  for await (const chunk of stream) yield chunk as string;
}

function integer(text: string | undefined, name: string, fallback: number): number {
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
  const t0 = performance.now();
  const train = await parseLhcoCsv(linesOf(textChunks(values.train)), { fileName: path.basename(values.train) });
  const test = await parseLhcoCsv(linesOf(textChunks(values.test)), { fileName: path.basename(values.test) });
  // The split seed is secret unless given: with it, the hidden control events and subsets could be recomputed.
  const seed = integer(values.seed, "seed", randomInt(1, 2 ** 31));
  const data = datasetFromLhco(train, test, { seed, controlEvents: integer(values.control, "control", 10_000), publicFraction });
  const parsed = performance.now();
  const { DATABASE_URL, DATA_DIR } = env();
  if (!DATABASE_URL) mkdirSync(DATA_DIR, { recursive: true });
  const handle = await getDbHandle();
  try {
    const challenge = await createChallengeWithDataset(
      handle.db,
      {
        slug: values.slug,
        kind: "anomaly-detection",
        title: values.title,
        summary: values.summary ?? "Find the anomaly in the LHC Olympics 2020 R&D dataset without labels.",
        description: anomalyDescription,
        metricId: "eff-at-1e-3",
        config: { track: "A", imported: "lhco2020-rnd" },
        phases: (now) => [{ name: "Main", startsAt: now, endsAt: new Date(now.getTime() + 90 * DAY_MS) }],
      },
      { ...data, manifest: { ...data.manifest, source: "lhco2020-rnd", files: [path.basename(values.train), path.basename(values.test)] } },
    );
    console.log(`Imported challenge "${values.title}" (/challenges/${challenge.slug}): ${JSON.stringify(data.manifest.subsets)}`);
    console.log(`Parsed in ${((parsed - t0) / 1000).toFixed(1)} s, stored in ${((performance.now() - parsed) / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await handle.close();
  }
}

runCli(main, { usage, inputErrors: [CsvFormatError, RangeError] });
