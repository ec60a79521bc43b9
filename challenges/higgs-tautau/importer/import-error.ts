/**
 * Errors of an organiser's import: the same collected, line-numbered report as scoring/'s format errors, but
 * naming the file, since an import reads up to three files and "line 12" alone would not say which.
 */
import { CsvFormatError, type FormatErrorClass, type FormatProblem } from "../../../scoring/parsing/errors";

export class ImportFormatError extends CsvFormatError {
  override readonly name = "ImportFormatError";
  constructor(what: string, problems: FormatProblem[], totalProblems = problems.length) {
    super(what, problems, totalProblems);
  }
}

/** An error class for ProblemCollector whose message starts with `what` (e.g. "The file training.csv"). */
export function importErrorClass(what: string): FormatErrorClass {
  return class extends ImportFormatError {
    constructor(problems: FormatProblem[], totalProblems = problems.length) {
      super(what, problems, totalProblems);
    }
  };
}

/** How many event ids an error message lists before it only counts them. */
export const MAX_LISTED_IDS = 10;

/** "100001, 100005, … (and 3 more)": ids for a message, capped. */
export function listIds(ids: readonly (number | string)[]): string {
  const shown = ids.slice(0, MAX_LISTED_IDS).join(", ");
  return ids.length > MAX_LISTED_IDS ? `${shown}, … (and ${ids.length - MAX_LISTED_IDS} more)` : shown;
}
