/**
 * Regenerates a built-in challenge's data with a fresh 256-bit secret key (lib/challenges/regenerate-challenge.ts):
 *   npm run challenge:regenerate -- <slug> --yes
 * Without --yes it only says what would happen. Higgs and anomaly-detection submissions made before are voided
 * (their predictions are for the old test set); detector-design submissions are rescored by the worker.
 * Exit status: 0 done (or the warning shown), 2 not a built-in challenge of this database, 1 anything else.
 * Stop the site first when it uses the embedded database: PGlite opens a data folder in one process only.
 */
import { parseArgs } from "node:util";
import { getDbHandle } from "../db";
import { regenerateBuiltInChallenge, RegenerateError } from "../lib/challenges/regenerate-challenge";
import { runCli, UsageError } from "./lib/run-cli";

const usage = "usage: npm run challenge:regenerate -- <slug> --yes";

const WARNING = `This replaces the challenge's data (every downloadable file and the answer key) with data from a fresh
secret key. Higgs and anomaly-detection submissions made so far are VOIDED (they predict the old test set) and
leave both leaderboards; detector-design submissions are rescored. Competitors must download the data again.
Run again with --yes to go ahead.`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { yes: { type: "boolean" } } });
  const [slug, ...extra] = positionals;
  if (!slug || extra.length > 0) throw new UsageError("give one challenge slug");
  if (!values.yes) {
    console.log(WARNING);
    return;
  }
  const handle = await getDbHandle();
  try {
    const t0 = performance.now();
    const done = await regenerateBuiltInChallenge(handle.db, slug);
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(
      `Regenerated "${slug}" from a fresh secret key in ${seconds} s: ${done.submissions} earlier submission(s) ${done.outcome}.`,
    );
  } finally {
    await handle.close();
  }
}

runCli(main, { usage, inputErrors: [RegenerateError] });
