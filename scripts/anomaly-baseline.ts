/**
 * Trains the anomaly-detection baselines of a Track A challenge on its stored files, writes each `EventId,score`
 * submission and registers it as a scored benchmark entry (into DATABASE_URL, or the embedded database under DATA_DIR):
 *   npx tsx scripts/anomaly-baseline.ts --challenge <slug> [--method autoencoder|cwola|both] [--seed N] [--epochs N]
 *                                       [--out DIR] [--no-register]
 * The autoencoder learns train.csv (background only) and scores test.csv by reconstruction error; CWoLa is cross-fitted
 * on test.csv (signal region against side bands, or against train.csv where test.csv has no side bands). Submissions
 * go to DIR/anomaly-baseline-<method>.csv (DIR defaults to the current folder). Progress goes to stderr.
 * Exit status: 0 done, 2 bad input (unknown challenge, not an anomaly-detection Track A challenge, missing or
 * unreadable data; nothing is trained or written), 1 anything else (wrong arguments with the usage, a failed scoring).
 * Stop the site first when it uses the embedded database.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ANOMALY_METHODS, type AnomalyMethod } from "../challenges/anomaly-detection/baseline/methods";
import type { EpochListener } from "../challenges/anomaly-detection/baseline/progress";
import { getDbHandle } from "../db";
import { env } from "../lib/env";
import { type AnomalyBaselineOptions, runAnomalyBaseline } from "../lib/ml/anomaly-baseline-run";
import { reportBenchmark } from "./lib/report-benchmark";
import { runCli, UsageError, wholeNumber } from "./lib/run-cli";
import { BaselineInputError } from "../lib/ml/baseline-input-error";

const usage =
  "usage: npx tsx scripts/anomaly-baseline.ts --challenge <slug> [--method autoencoder|cwola|both] [--seed N] [--epochs N] [--out DIR] [--no-register]";

/** One line per epoch on a terminal (redrawn in place), else every tenth epoch and the last. */
function progressPrinter(method: AnomalyMethod): EpochListener {
  const tty = process.stderr.isTTY === true;
  return (e) => {
    const fold = e.fold === undefined ? "" : ` fold ${e.fold}/${e.folds}`;
    const validation = Number.isNaN(e.validationLoss) ? "" : ` validation ${e.validationLoss.toFixed(5)}`;
    const line = `${method}${fold} epoch ${e.epoch}/${e.epochs} loss ${e.loss.toFixed(5)}${validation}`;
    if (tty) process.stderr.write(`\r${line}\x1b[K`);
    else if (e.epoch % Math.max(1, Math.round(e.epochs / 10)) === 0) process.stderr.write(`${line}\n`);
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      challenge: { type: "string" },
      method: { type: "string", default: "both" },
      seed: { type: "string", default: "1" },
      epochs: { type: "string" },
      out: { type: "string", default: "." },
      "no-register": { type: "boolean", default: false },
    },
  });
  if (!values.challenge) throw new UsageError("--challenge is required");
  const choices = [...ANOMALY_METHODS, "both"];
  if (!choices.includes(values.method))
    throw new UsageError(`--method must be one of ${choices.join(", ")}, got ${JSON.stringify(values.method)}`);
  const opts: AnomalyBaselineOptions = {
    challenge: values.challenge,
    methods: values.method === "both" ? ANOMALY_METHODS : [values.method as AnomalyMethod],
    seed: wholeNumber(values.seed, "seed", 0)!,
    epochs: wholeNumber(values.epochs, "epochs", 1),
    register: !values["no-register"],
    bootstrap: env().SCORING_BOOTSTRAP,
    onEpoch: progressPrinter,
  };
  const handle = await getDbHandle();
  try {
    const results = await runAnomalyBaseline(handle.db, opts);
    if (process.stderr.isTTY) process.stderr.write("\n");
    let failed = false;
    for (const r of results) {
      const file = path.join(values.out, `anomaly-baseline-${r.method}.csv`);
      writeFileSync(file, r.csv);
      console.log(
        `${r.name}: trained in ${r.card.trainingSeconds.toFixed(1)} s (best epochs ${r.card.bestEpochs.join(", ")}); submission written to ${file}`,
      );
      if (!reportBenchmark(r.registered)) failed = true;
    }
    return failed ? 1 : 0;
  } finally {
    await handle.close();
  }
}

runCli(main, { usage, inputErrors: [BaselineInputError] });
