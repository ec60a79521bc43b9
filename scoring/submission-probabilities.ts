/**
 * Multiclass submission: `EventId` and one column per class, named as the answer key's classes (any order), each
 * row the event's class probabilities. Every value must be a finite number in [0, 1] and each row must sum to 1 within
 * PROBABILITY_SUM_TOLERANCE (10⁻³): loose enough for probabilities printed with 4 decimals (5 classes round to at most
 * 2.5·10⁻⁴ off), tight enough to refuse logits, percentages or a missing column's worth. Rows are used as given; the
 * log-loss divides each by its sum as sklearn does.
 */
import type { ByteSource } from "./byte-source";
import type { CsvReadOptions } from "./csv-reader";
import { quoteValue, readTable } from "./csv-table";
import { ProblemCollector, SubmissionFormatError } from "./errors";
import { parseDecimal } from "./parse-number";
import type { SolutionIndex } from "./solution-index";
import { SubmissionRows } from "./submission-rows";

export const PROBABILITY_SUM_TOLERANCE = 1e-3;

/** Aligned with the solution's rows: event i's probabilities are probabilities[i·k + c], c in the key's class order. */
export interface ProbabilitySubmission {
  probabilities: Float64Array;
  classes: number;
}

/** The header a multiclass submission must have. */
export function probabilityColumns(classes: readonly string[]): string[] {
  return ["EventId", ...classes];
}

export async function parseProbabilitySubmission(src: ByteSource, index: SolutionIndex, classes: readonly string[], opts: CsvReadOptions = {}): Promise<ProbabilitySubmission> {
  const k = classes.length;
  const problems = new ProblemCollector(SubmissionFormatError);
  const records = new SubmissionRows(index, problems, null);
  const probabilities = new Float64Array(index.size * k);
  const written = new Uint8Array(index.size);
  const row = new Float64Array(k);
  try {
    await readTable(
      src,
      probabilityColumns(classes),
      problems,
      (rec, col) => {
        let valid = true;
        let sum = 0;
        for (let c = 0; c < k; c++) {
          const field = col[c + 1]!;
          const p = parseDecimal(rec.buf, rec.starts[field]!, rec.ends[field]!);
          if (!(p >= 0 && p <= 1)) {
            problems.add(rec.line, `${classes[c]} ${quoteValue(rec, field)} is not a probability between 0 and 1`);
            valid = false;
          }
          row[c] = p;
          sum += p;
        }
        if (valid && !(Math.abs(sum - 1) <= PROBABILITY_SUM_TOLERANCE)) {
          problems.add(rec.line, `the probabilities sum to ${sum}, not 1 (within ${PROBABILITY_SUM_TOLERANCE})`);
          valid = false;
        }
        const at = records.add(rec, col[0]!);
        if (at >= 0 && valid) {
          probabilities.set(row, at * k);
          written[at] = 1;
        }
      },
      opts,
    );
    records.reportIdProblems(written.every((w) => w === 1));
    problems.throwIfAny();
  } finally {
    records.release();
  }
  return { probabilities, classes: k };
}
