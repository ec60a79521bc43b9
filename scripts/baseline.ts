/** `npm run baseline`: see scripts/lib/baseline-command.ts for the options and exit statuses. */
import { BaselineInputError } from "../lib/ml/baseline-input-error";
import { baselineCommand, usage } from "./lib/baseline-command";
import { runCli } from "./lib/run-cli";

runCli(() => baselineCommand(process.argv.slice(2)), { usage, inputErrors: [BaselineInputError] });
