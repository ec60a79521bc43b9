/**
 * Speed of the real-data importer at full size: a seeded, simulated stand-in for CERN's
 * atlas-higgs-challenge-2014-v2.csv (818,238 rows with the official KaggleSet counts: 250,000 t, 100,000 b,
 * 450,000 v, 18,238 u) is written to the temp folder, then imported on in-memory PGlite and on a scratch
 * PostgreSQL database (TEST_DATABASE_URL, created and dropped). Goal: under 60 s each.
 * Usage: npm run bench:import [-- --rows N] [-- --gzip]
 */
import { createReadStream, createWriteStream, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { createGzip } from "node:zlib";
import { cernCsv, KAGGLE_SET } from "../challenges/higgs-tautau/importer";
import { simulateHiggs } from "../challenges/higgs-tautau/simulator/simulate";
import { renormaliseWeights } from "../challenges/higgs-tautau/split";
import { Random } from "../challenges/shared/random";
import { openDb, type DbHandle } from "../db/client";
import { higgsCernUpload } from "../challenges/higgs-tautau/uploads";
import { importUpload } from "../lib/challenges/import-upload";
import { currentDataset, insertDataset, storedAnswerKey } from "../db/queries/datasets";
import { createScratchDatabase } from "../tests/integration/databases";

const arg = (name: string) => process.argv.indexOf(`--${name}`);
const rows = arg("rows") > 0 ? Number(process.argv[arg("rows") + 1]) : 818_238;
const gzip = arg("gzip") > 0;
const GOAL_S = 60;
// The official file's KaggleSet shares, scaled to `rows`.
const SHARES = [
  [KAGGLE_SET.training, 250_000],
  [KAGGLE_SET.publicTest, 100_000],
  [KAGGLE_SET.privateTest, 450_000],
] as const;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** KaggleSet codes in the official proportions, in a seeded random order (the official file interleaves them). */
function kaggleSets(n: number): Uint8Array {
  const sets = new Uint8Array(n).fill(KAGGLE_SET.unused);
  let at = 0;
  for (const [code, count] of SHARES) {
    const k = Math.round((count / 818_238) * n);
    sets.fill(code, at, at + k);
    at += k;
  }
  const rng = new Random(328);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const t = sets[i]!;
    sets[i] = sets[j]!;
    sets[j] = t;
  }
  return sets;
}

async function writeFile(file: string): Promise<void> {
  const t0 = performance.now();
  const events = simulateHiggs({ seed: 2014, nEvents: rows });
  const sets = kaggleSets(rows);
  const t1 = performance.now();
  const out = createWriteStream(file);
  const sink = gzip ? createGzip({ level: 6 }) : out;
  if (gzip) sink.pipe(out);
  for (const chunk of cernCsv(events, sets, renormaliseWeights(events, sets))) {
    if (!sink.write(chunk)) await once(sink, "drain");
  }
  sink.end();
  await once(out, "close");
  const mb = statSync(file).size / 1e6;
  console.log(
    `input: ${rows.toLocaleString("en")} rows, ${mb.toFixed(1)} MB${gzip ? " gzip" : ""} at ${file} (simulated in ${s(t1 - t0)}, written in ${s(performance.now() - t1)})`,
  );
}

async function bench(label: string, handle: DbHandle, file: string): Promise<void> {
  const t0 = performance.now();
  const result = await importUpload(
    handle.db,
    higgsCernUpload,
    { files: { file: createReadStream(file, { highWaterMark: 1 << 20 }) }, fields: {} },
    { slug: "higgs-cern-bench", title: "HiggsML (benchmark)" },
  );
  const total = performance.now() - t0;
  // The answer-key insert alone, into a second dataset of the same challenge (fresh rows, no dead tuples): the
  // dataset's own row and no files, then the key's bulk insert and its analyze.
  const dataset = await currentDataset(handle.db, result.challenge.id);
  const solution = await storedAnswerKey(handle.db, dataset!.id);
  const t1 = performance.now();
  await insertDataset(handle.db, { challengeId: result.challenge.id, manifest: {}, secrets: {}, files: [], solution });
  const insertMs = performance.now() - t1;
  const m = result.manifest;
  console.log(`\n${label}`);
  console.log(`  parse + validate:           ${s(result.parseMs)}`);
  console.log(`  files + answer key stored:  ${s(result.storeMs)} (CSV writing, gzip, one transaction)`);
  console.log(
    `  total import:               ${s(total)}  -> ${Math.round(rows / (total / 1000)).toLocaleString("en")} rows/s, ${(total / 1000 / GOAL_S).toFixed(2)} of the ${GOAL_S} s goal`,
  );
  console.log(
    `  answer-key insert alone:    ${s(insertMs)} for ${solution.eventId.length.toLocaleString("en")} rows (${Math.round(solution.eventId.length / (insertMs / 1000)).toLocaleString("en")} rows/s)`,
  );
  console.log(`  imported: ${m.trainEvents} training, ${m.testEvents} test events`);
}

const file = path.join(os.tmpdir(), `collider-arena-bench-cern-${rows}.csv${gzip ? ".gz" : ""}`);
// Timings on a shared 2-core machine move with whatever else runs: say what else was running.
console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at start`);
try {
  await writeFile(file);
  const pglite = await openDb({ mode: "pglite" });
  try {
    await bench("PGlite (in memory)", pglite, file);
  } finally {
    await pglite.close();
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) console.log("\nPostgreSQL: skipped (set TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test)");
  else {
    const scratch = await createScratchDatabase(url);
    const pg = await openDb({ mode: "postgres", url: scratch.url });
    try {
      await bench("PostgreSQL (scratch database)", pg, file);
    } finally {
      await pg.close();
      await scratch.drop();
    }
  }
} finally {
  rmSync(file, { force: true });
}
