/**
 * Multiclass submission: `EventId` and one column per class, named as the answer key's classes (any order), each
 * row the event's class probabilities. Every value must be a finite number in [0, 1] and each row must sum to 1 within
 * PROBABILITY_SUM_TOLERANCE (10⁻³): loose enough for probabilities printed with 4 decimals (5 classes round to at most
 * 2.5·10⁻⁴ off), tight enough to refuse logits, percentages or a missing column's worth. Rows are used as given; the
 * log-loss divides each by its sum as sklearn does.
 */
import type { ByteSource } from "./byte-source";
import { FAST_ROW_MAX_BYTES, type CsvReadOptions, type FastRows } from "./csv-reader";
import { quoteValue, readTable } from "./csv-table";
import { ProblemCollector, SubmissionFormatError } from "./errors";
import { parseDecimal, parsePlainDecimal, parseProbability } from "./parse-number";
import type { SolutionIndex } from "./solution-index";
import { SubmissionRows } from "./submission-rows";
import { parseOtherDecimal } from "./submission-scores";

export const PROBABILITY_SUM_TOLERANCE = 1e-3;

/** Aligned with the solution's rows: event i's probabilities are probabilities[i·k + c], c in the key's class order. */
export interface ProbabilitySubmission {
  probabilities: Float64Array;
  classes: number;
}

const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Clean rows (a known integer EventId first, then one number per class in [0, 1] summing to 1, LF or CRLF) parsed in
 * one loop, as FastScoreRows does for one score per row: with the same effect as the generic onRow (the same values
 * as parseDecimal, summed in class order for the check), and any other row left to it, which reports what is wrong.
 */
class FastProbabilityRows implements FastRows {
  parsed = 0;
  private readonly value = new Float64Array(1);
  /** One row's probabilities in class order, stored only once the whole row is known to be clean. */
  private readonly row: Float64Array;

  constructor(
    private readonly records: SubmissionRows,
    private readonly probabilities: Float64Array,
    private readonly written: Uint8Array,
    /** classOf[f]: the class of the row's field f (1..k). */
    private readonly classOf: Int32Array,
  ) {
    this.row = new Float64Array(classOf.length - 1);
  }

  parse(data: Uint8Array, start: number, end: number, line: number): number {
    const { records, value, row: p, classOf } = this;
    const k = p.length;
    const view = records.viewOf(data);
    const rows = records.rows;
    const first = records.count;
    let n = first;
    let i = start;
    while (i < end && n < rows.length) {
      const row = records.readDenseId(data, view, i);
      if (row < 0) break;
      let j = records.cursor;
      let clean = true;
      for (let f = 1; f <= k && clean; f++) {
        const from = j + 1;
        const stop = f < k ? COMMA : LF;
        j = parseProbability(data, view, from, value, 0);
        if (j < 0) j = parsePlainDecimal(data, view, from, value, 0);
        if (j < 0 || (data[j] !== stop && data[j] !== CR)) j = parseOtherDecimal(data, from, value);
        const x = value[0]!;
        p[classOf[f]!] = x;
        clean = (data[j] === stop || (f === k && data[j] === CR)) && x >= 0 && x <= 1;
      }
      if (!clean) break;
      let sum = 0;
      for (let c = 0; c < k; c++) sum += p[c]!;
      if (data[j] === CR) j++;
      if (data[j] !== LF || j - i > FAST_ROW_MAX_BYTES || !(Math.abs(sum - 1) <= PROBABILITY_SUM_TOLERANCE)) break;
      rows[n++] = row;
      this.probabilities.set(p, row * k);
      this.written[row] = 1;
      i = j + 1;
    }
    this.parsed = n - first;
    records.commit(n, line);
    return i;
  }
}

/** The header a multiclass submission must have. */
export function probabilityColumns(classes: readonly string[]): string[] {
  return ["EventId", ...classes];
}

export async function parseProbabilitySubmission(
  src: ByteSource,
  index: SolutionIndex,
  classes: readonly string[],
  opts: CsvReadOptions = {},
): Promise<ProbabilitySubmission> {
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
      (col, width) => {
        if (width !== k + 1 || col[0] !== 0 || records.dense === null) return null;
        const classOf = new Int32Array(width);
        for (let c = 0; c < k; c++) classOf[col[c + 1]!] = c;
        return new FastProbabilityRows(records, probabilities, written, classOf);
      },
    );
    records.reportIdProblems(written.every((w) => w === 1));
    problems.throwIfAny();
  } finally {
    records.release();
  }
  return { probabilities, classes: k };
}
