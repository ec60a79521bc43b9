/**
 * An instant check of an upload's header, before it is queued: the full file is
 * validated by the scorer, but a wrong header is the commonest mistake and the
 * competitor should hear of it while still on the upload page.
 */
import { readTable } from "./csv-table";
import { ProblemCollector, SubmissionFormatError } from "./errors";
import type { SubmissionFormat } from "../metric-descriptor";
import { HIGGS_SUBMISSION_COLUMNS } from "./submission-higgs";
import { probabilityColumns } from "./submission-probabilities";
import { SCORE_SUBMISSION_COLUMNS, VALUE_SUBMISSION_COLUMNS } from "./submission-scores";

export const SUBMISSION_COLUMNS: Readonly<Record<SubmissionFormat, readonly string[]>> = {
  higgs: HIGGS_SUBMISSION_COLUMNS,
  scores: SCORE_SUBMISSION_COLUMNS,
  // A binary key's probabilities: one column, the probability of class 1.
  probabilities: SCORE_SUBMISSION_COLUMNS,
  values: VALUE_SUBMISSION_COLUMNS,
};

/** The header a submission needs: a multiclass key's probabilities have one column per class (its names). */
export function submissionColumns(format: SubmissionFormat, classes?: readonly string[]): readonly string[] {
  return format === "probabilities" && classes ? probabilityColumns(classes) : SUBMISSION_COLUMNS[format];
}

/**
 * Checks the start of an upload: `head` is the first bytes of the decompressed
 * file and `complete` says whether it is the whole file. Only complete lines are
 * read, so a cut in mid-line is not mistaken for a short row. Throws
 * SubmissionFormatError for a wrong header, an empty or header-only file, or
 * rows with the wrong number of fields among those lines.
 */
export async function checkSubmissionHead(
  head: Uint8Array,
  complete: boolean,
  format: SubmissionFormat,
  classes?: readonly string[],
): Promise<void> {
  const cut = complete ? head.length : head.lastIndexOf(0x0a) + 1;
  const problems = new ProblemCollector(SubmissionFormatError);
  await readTable(head.subarray(0, cut), submissionColumns(format, classes), problems, () => {});
  problems.throwIfAny();
}
