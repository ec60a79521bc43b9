/**
 * Trains the reference baseline of a challenge on its stored training data, writes the Kaggle-format submission
 * and registers it as a scored benchmark entry (into DATABASE_URL, or the embedded database under DATA_DIR):
 *   npm run baseline -- --challenge <slug> [--family tfjs|xgboost|both|blend] [--seed N] [--epochs N] [--ensemble K]
 *                       [--out FILE] [--no-register]
 * --epochs caps tfjs epochs or XGBoost rounds; --out writes the submission (FILE-<family>.csv with --family both)
 * and the model as ONNX beside it (the same name ending .onnx).
 * Progress (one bar per epoch or round: loss, validation AMS, time left) goes to stderr.
 * Exit status: 0 done, 2 bad input (unknown challenge, no training data, one class, non-finite features), 1 anything
 * else (wrong arguments with the usage, a failed scoring). Stop the site first when it uses the embedded database.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { ProgressEvent } from "../challenges/shared/baseline/types";
import { getDbHandle } from "../db";
import { env } from "../lib/env";
import { BaselineInputError } from "../lib/ml/baseline-input-error";
import { reportBenchmark } from "./lib/report-benchmark";
import { runCli, UsageError } from "./lib/run-cli";
import { runBaseline } from "../lib/ml/baseline-run";
import { FAMILY_CHOICES, type FamilyChoice } from "../lib/ml/higgs-training";

const usage =
  "usage: npm run baseline -- --challenge <slug> [--family tfjs|xgboost|both|blend] [--seed N] [--epochs N] [--ensemble K] [--out FILE] [--no-register]";

function wholeNumber(text: string | undefined, name: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(Number.isSafeInteger(value) && value >= min))
    throw new UsageError(`--${name} must be a whole number ≥ ${min}, got ${JSON.stringify(text)}`);
  return value;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** One progress line; on a terminal it redraws in place, elsewhere every tenth of the epochs is printed. */
function progressPrinter(): (familyId: string, e: ProgressEvent) => void {
  const tty = process.stderr.isTTY === true;
  return (familyId, e) => {
    const width = 24;
    const filled = Math.round((e.epoch / e.epochs) * width);
    const member = e.members > 1 ? ` net ${e.member}/${e.members}` : "";
    const line = `${familyId}${member} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${e.epoch}/${e.epochs} loss ${e.loss.toFixed(4)} val AMS ${e.valAms.toFixed(3)} left ≤ ${clock(e.etaSeconds)}`;
    if (tty) process.stderr.write(`\r${line}\x1b[K${e.etaSeconds === 0 ? "\n" : ""}`);
    else if (e.epoch % Math.max(1, Math.round(e.epochs / 10)) === 0 || e.etaSeconds === 0) process.stderr.write(`${line}\n`);
  };
}

function outFile(out: string, familyId: string, several: boolean): string {
  if (!several) return out;
  const ext = path.extname(out);
  return `${out.slice(0, out.length - ext.length)}-${familyId}${ext || ".csv"}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      challenge: { type: "string" },
      family: { type: "string", default: "both" },
      seed: { type: "string", default: "1" },
      epochs: { type: "string" },
      ensemble: { type: "string" },
      out: { type: "string" },
      "no-register": { type: "boolean", default: false },
    },
  });
  if (!values.challenge) throw new UsageError("--challenge is required");
  const family = values.family as FamilyChoice;
  if (!FAMILY_CHOICES.includes(family))
    throw new UsageError(`--family must be one of ${FAMILY_CHOICES.join(", ")}, got ${JSON.stringify(values.family)}`);
  const opts = {
    challenge: values.challenge,
    family,
    seed: wholeNumber(values.seed, "seed", 0)!,
    epochs: wholeNumber(values.epochs, "epochs", 1),
    ensemble: wholeNumber(values.ensemble, "ensemble", 1),
    register: !values["no-register"],
    bootstrap: env().SCORING_BOOTSTRAP,
  };
  const handle = await getDbHandle();
  try {
    const results = await runBaseline(handle.db, { ...opts, onProgress: progressPrinter(), log: (m) => console.error(m) });
    let failed = false;
    for (const r of results) {
      const v = r.card.validation;
      console.log(
        `${r.name}: trained in ${r.card.trainingSeconds.toFixed(1)} s; validation AMS ${v.ams.toFixed(3)} selecting ${(100 * v.selectedFraction).toFixed(1)}% (threshold ${v.threshold.toFixed(4)})`,
      );
      if (values.out) {
        const file = outFile(values.out, r.familyId, results.length > 1);
        writeFileSync(file, r.csv);
        const model = `${file.slice(0, file.length - path.extname(file).length)}.onnx`;
        writeFileSync(model, r.onnx);
        console.log(`  submission written to ${file}, the model as ONNX to ${model}`);
      }
      if (!reportBenchmark(r.registered)) failed = true;
    }
    return failed ? 1 : 0;
  } finally {
    await handle.close();
  }
}

runCli(main, { usage, inputErrors: [BaselineInputError] });
