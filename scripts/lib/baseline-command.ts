/**
 * `npm run baseline`: trains the reference baselines of any challenge whose kind declares a trainer (the kind's
 * `baselines`, dispatched through lib/ml/trainers.ts), writes the submissions and registers each as a scored
 * benchmark entry (into DATABASE_URL, or the embedded database under DATA_DIR). The options and exit statuses are in
 * `help` below (`npm run baseline -- --help`). Progress (one line per epoch or round) goes to stderr.
 */
import { existsSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { CHALLENGE_KINDS, findKind } from "../../challenges";
import { getDbHandle, type DbHandle } from "../../db";
import { env } from "../../lib/env";
import { resolveChallenge } from "../../lib/ml/baseline-data";
import { BaselineInputError } from "../../lib/ml/baseline-input-error";
import { trainHere } from "../../lib/ml/trainer";
import { baselineTrainers } from "../../lib/ml/trainers";
import { reportBenchmark } from "./report-benchmark";
import { UsageError, wholeNumber } from "./run-cli";

export const usage =
  "usage: npm run baseline -- --challenge <slug> [--family F] [--seed N] [--epochs N] [--ensemble K] [--out FILE|DIR] [--no-register]";

/** What --help prints: the options, with each kind's families as the kinds declare them. */
export const help = [
  usage,
  "Trains the reference baselines of a challenge whose kind has a trainer and posts each as a scored benchmark entry.",
  "  --family F     one the challenge's kind offers (default both, each family apart, where the kind offers it):",
  ...CHALLENGE_KINDS.flatMap((k) =>
    k.baselines ? [`                   ${k.label}: ${k.baselines.families.map((f) => f.id).join(", ")}`] : [],
  ),
  "  --seed N       the training seed (default 1)",
  "  --epochs N     at most N tfjs epochs or XGBoost rounds",
  "  --ensemble K   networks in the Higgs MLP ensemble",
  "  --out FILE     write the submission to FILE (FILE-<family>.csv when several families run)",
  "  --out DIR      write into the existing folder DIR, as DIR/<slug>-baseline-<family>.csv",
  "                 (an ONNX model goes beside its submission where the trainer exports one; an --out whose folder",
  "                 does not exist is refused before training)",
  "  --no-register  train and write the files, but post no benchmark entry",
  "Exit status: 0 done; 2 bad input (unknown challenge, a kind without a trainer, no training data, one class,",
  "non-finite features); 1 anything else (wrong arguments, with the usage; a family the kind does not offer; a failed",
  "scoring). Stop the site first when it uses the embedded database.",
].join("\n");

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The figures a trainer's progress events may carry, as printed. */
const FIGURES: readonly [key: string, label: string, digits: number][] = [
  ["loss", "loss", 4],
  ["valAms", "val AMS", 3],
  ["valLoss", "val loss", 4],
  ["validationLoss", "validation", 5],
];

/** One progress line; on a terminal it redraws in place, elsewhere every tenth of the epochs is printed. */
function progressPrinter(): (family: string, e: { epoch: number; epochs: number } & Record<string, unknown>) => void {
  const tty = process.stderr.isTTY === true;
  return (family, e) => {
    const width = 24;
    const filled = Math.round((Math.min(e.epoch, e.epochs) / e.epochs) * width);
    const member = typeof e.members === "number" && e.members > 1 ? ` net ${String(e.member)}/${e.members}` : "";
    const figures = FIGURES.filter(([key]) => typeof e[key] === "number" && Number.isFinite(e[key]))
      .map(([key, label, digits]) => ` ${label} ${(e[key] as number).toFixed(digits)}`)
      .join("");
    const eta = typeof e.etaSeconds === "number" ? ` left ≤ ${clock(e.etaSeconds)}` : "";
    const line = `${family}${member} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${e.epoch}/${e.epochs}${figures}${eta}`;
    const last = e.epoch >= e.epochs;
    if (tty) process.stderr.write(`\r${line}\x1b[K${last ? "\n" : ""}`);
    else if (e.epoch % Math.max(1, Math.round(e.epochs / 10)) === 0 || last) process.stderr.write(`${line}\n`);
  };
}

const isFolder = (p: string) => existsSync(p) && statSync(p).isDirectory();

/**
 * Where --out puts a family's submission: into an existing folder as <slug>-baseline-<family>.csv, else at the name
 * given (FILE-<family>.csv when several families run). A folder that does not exist is refused here, before training.
 */
function submissionPath(out: string): (slug: string, familyId: string, several: boolean) => string {
  if (isFolder(out)) return (slug, familyId) => path.join(out, `${slug}-baseline-${familyId}.csv`);
  if (/[\\/]$/.test(out) || !isFolder(path.dirname(out))) throw new UsageError(`--out ${JSON.stringify(out)}: no such folder`);
  return (_slug, familyId, several) => {
    if (!several) return out;
    const ext = path.extname(out);
    return `${out.slice(0, out.length - ext.length)}-${familyId}${ext || ".csv"}`;
  };
}

/** The command on `args` (process.argv after the script); `open` gives the database (tests pass their own). */
export async function baselineCommand(args: string[], open: () => Promise<DbHandle> = getDbHandle): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      challenge: { type: "string" },
      family: { type: "string" },
      seed: { type: "string", default: "1" },
      epochs: { type: "string" },
      ensemble: { type: "string" },
      out: { type: "string" },
      "no-register": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (!values.challenge) throw new UsageError("--challenge is required");
  const seed = wholeNumber(values.seed, "seed", 0)!;
  const epochs = wholeNumber(values.epochs, "epochs", 1);
  const ensemble = wholeNumber(values.ensemble, "ensemble", 1);
  const outPath = values.out === undefined ? undefined : submissionPath(values.out);
  const handle = await open();
  try {
    const challenge = await resolveChallenge(handle.db, values.challenge);
    const baselines = findKind(challenge.kind)?.baselines;
    if (!baselines)
      throw new BaselineInputError(`challenge "${challenge.slug}" is a ${challenge.kind} challenge; that kind has no baseline trainer`);
    const offered = baselines.families.map((f) => f.id);
    const family = values.family ?? (offered.includes("both") ? "both" : baselines.defaultFamily);
    if (!offered.includes(family)) {
      throw new UsageError(
        `--family must be one of ${offered.join(", ")} for challenge "${challenge.slug}" (${challenge.kind}), got ${JSON.stringify(family)}`,
      );
    }
    if (ensemble !== undefined && baselines.trainer !== "higgs") {
      throw new UsageError(`--ensemble sizes the Higgs MLP ensemble; challenge "${challenge.slug}" (${challenge.kind}) trains none`);
    }
    const results = await baselineTrainers[baselines.trainer](handle.db, {
      challenge: challenge.slug,
      family,
      seed,
      epochs,
      ensemble,
      register: !values["no-register"],
      bootstrap: env().SCORING_BOOTSTRAP,
      trainer: trainHere,
      progress: progressPrinter(),
      log: (m) => console.error(m),
    });
    let failed = false;
    for (const r of results) {
      console.log(`${r.name}: trained${r.detail ? ` ${r.detail}` : ""}`);
      if (outPath) {
        const file = outPath(challenge.slug, r.familyId, results.length > 1);
        writeFileSync(file, r.csv);
        console.log(`  submission written to ${file}`);
        if (r.onnx) {
          const model = `${file.slice(0, file.length - path.extname(file).length)}.onnx`;
          writeFileSync(model, r.onnx);
          console.log(`  the model as ONNX written to ${model}`);
        }
      }
      if (!reportBenchmark(r.registered)) failed = true;
    }
    return failed ? 1 : 0;
  } finally {
    await handle.close();
  }
}
