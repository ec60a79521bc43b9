/**
 * Imports a challenge from an organiser's own files through any kind's upload (KIND_UPLOADS: the files and fields of
 * the Organise form and POST /api/v1/imports, e.g. a tabular challenge with its Flavours-of-Physics checks), into
 * DATABASE_URL or the embedded database under DATA_DIR:
 *   npm run import:upload -- <upload> --slug S --title T [--summary TEXT] [--seed N] --<file> PATH ... [--<field> VALUE ...]
 *   npm run import:upload -- --help     lists every upload with its files and fields
 * Exit status: 0 imported, 2 bad input files or fields (every problem, with file and line, on stderr; nothing is
 * created), 1 anything else (a wrong option, with the usage text).
 * Stop the site first when it uses the embedded database: PGlite opens a data folder in one process only.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { findUpload, KIND_UPLOADS } from "../challenges";
import { UploadError, type KindUpload, type UploadField } from "../challenges/kind";
import { prepareUpload, storeUpload } from "../lib/challenges/import-upload";
import { gatesOfConfig, gateSummary } from "../scoring/gates/gate-settings";
import { CsvFormatError } from "../scoring/parsing/errors";
import { openInput } from "./lib/open-input";
import { runCli, UsageError, wholeNumber } from "./lib/run-cli";
import { withDb } from "./lib/with-db";

const COMMON = ["slug", "title", "summary", "seed"];

const fieldHelp = (f: UploadField) =>
  `    --${f.name} ${f.options ? f.options.map((o) => o.value).join("|") : "VALUE"}${f.optional ? " (optional)" : ""}: ${f.label}`;

const uploadHelp = (u: KindUpload) =>
  [`  ${u.id}: ${u.label}`, ...u.files.map((f) => `    --${f.name} PATH: ${f.label}`), ...u.fields.map(fieldHelp)].join("\n");

const usage = [
  "usage: npm run import:upload -- <upload> --slug S --title T [--summary TEXT] [--seed N] --<file> PATH ... [--<field> VALUE ...]",
  "Every file of the upload is needed (plain or gzipped); a field left out is empty, as on the form. --seed makes the",
  "upload's random draws reproducible, and so guessable: leave it out for a fresh secret key.",
  "Uploads, with their files and fields:",
  ...KIND_UPLOADS.map(({ upload }) => uploadHelp(upload)),
].join("\n");

// Every upload's files and fields are options; one that is not the chosen upload's is refused below.
const OPTION_NAMES = [...new Set([...COMMON, ...KIND_UPLOADS.flatMap(({ upload: u }) => [...u.files, ...u.fields].map((f) => f.name))])];

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      ...Object.fromEntries(OPTION_NAMES.map((name) => [name, { type: "string" as const }])),
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const given = values as Record<string, string | undefined>;
  if (positionals.length !== 1) throw new UsageError("name one upload, e.g. the first of the list below");
  const found = findUpload(positionals[0]!);
  if (!found)
    throw new UsageError(`unknown upload ${JSON.stringify(positionals[0])} (known: ${KIND_UPLOADS.map((u) => u.upload.id).join(", ")})`);
  const { upload, kind } = found;
  const own = new Set([...COMMON, ...upload.files.map((f) => f.name), ...upload.fields.map((f) => f.name)]);
  const foreign = Object.keys(given).filter((name) => name !== "help" && !own.has(name));
  if (foreign.length > 0) throw new UsageError(`the ${upload.id} upload takes no ${foreign.map((name) => `--${name}`).join(", ")}`);
  if (!given.slug || !given.title) throw new UsageError("--slug and --title are required");
  const missing = upload.files.filter((f) => !given[f.name]);
  if (missing.length > 0) throw new UsageError(`the ${upload.id} upload needs ${missing.map((f) => `--${f.name} PATH`).join(", ")}`);

  // Files and fields first: a bad one, the usual mistake, is reported without touching the database.
  const prepared = await prepareUpload(upload, {
    files: Object.fromEntries(upload.files.map((f) => [f.name, openInput(given[f.name]!)])),
    fileNames: Object.fromEntries(upload.files.map((f) => [f.name, path.basename(given[f.name]!)])),
    fields: Object.fromEntries(upload.fields.map((f) => [f.name, given[f.name]])),
    seed: wholeNumber(given.seed, "seed", 0),
  });
  const { slug, title, summary } = given;
  const result = await withDb((db) => storeUpload(db, prepared, { slug, title, summary }));
  console.log(`Imported challenge "${title}" (/challenges/${result.challenge.slug}), ${kind.label}: ${JSON.stringify(result.manifest)}`);
  const gates = gatesOfConfig(prepared.prepared.config);
  if (gates.length > 0)
    console.log(`Checks on control events: ${gates.map(gateSummary).join(", ")}; a submission that fails one is not ranked.`);
  console.log(`Parsed in ${(result.parseMs / 1000).toFixed(1)} s, stored in ${(result.storeMs / 1000).toFixed(1)} s.`);
  return 0;
}

runCli(main, { usage, inputErrors: [CsvFormatError, UploadError] });
