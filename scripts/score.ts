/**
 * Command-line scorer (the I/O edge of scoring/):
 *   npm run score -- --solution SOL.csv[.gz] --submission SUB.csv[.gz] [--metric ams|auc|sic|eff-at-1e-2|eff-at-1e-3]
 *                    [--bootstrap 200] [--seed 0]
 * Prints {"Public": {...}, "Private": {...}} on stdout. Exit status: 0 scored, 2 bad submission (problems with
 * line numbers on stderr), 1 anything else (bad arguments, unreadable or invalid solution).
 */
import { parseArgs } from "node:util";
import { fileChunks } from "../lib/file-chunks";
import { isMetricId, metricDescriptors, parseSolution, scoreSubmission, SubmissionFormatError } from "../scoring/index";

const usage = `usage: npm run score -- --solution SOL.csv[.gz] --submission SUB.csv[.gz] [--metric ${metricDescriptors
  .map((m) => m.id)
  .join("|")}] [--bootstrap N] [--seed S]`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function nonNegativeInteger(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a non-negative integer\n${usage}`, 1);
  return value;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        solution: { type: "string" },
        submission: { type: "string" },
        metric: { type: "string", default: "ams" },
        bootstrap: { type: "string" },
        seed: { type: "string" },
      },
    }));
  } catch (e) {
    fail(`${e instanceof Error ? e.message : String(e)}\n${usage}`, 1);
  }
  const { solution: solutionPath, submission: submissionPath, metric } = values;
  if (!solutionPath || !submissionPath) fail(usage, 1);
  if (!isMetricId(metric)) fail(`unknown metric ${JSON.stringify(metric)}\n${usage}`, 1);
  const bootstrap = nonNegativeInteger(values.bootstrap, "bootstrap", 0);
  const seed = nonNegativeInteger(values.seed, "seed", 0);

  const solution = await parseSolution(fileChunks(solutionPath));
  try {
    const result = await scoreSubmission({ solution, submission: fileChunks(submissionPath), metricId: metric, bootstrap, seed });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (e) {
    if (e instanceof SubmissionFormatError) fail(e.message, 2);
    throw e;
  }
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e), 1));
