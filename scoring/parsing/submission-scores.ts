/**
 * One number per event: `EventId,score` (anomaly detection and other ranked challenges: any finite decimal), the same
 * with 0 ≤ score ≤ 1 for metrics that read a probability (accuracy, log-loss...), or `EventId,prediction` for a
 * regression (any finite decimal).
 */
import type { ByteSource } from "./byte-source";
import { FAST_ROW_MAX_BYTES, type CsvReadOptions, type FastRows } from "./csv-reader";
import { quoteValue, readTable } from "./csv-table";
import { ProblemCollector, SubmissionFormatError } from "./errors";
import { parseDecimal, parsePlainDecimal, parseProbability } from "./parse-number";
import type { SolutionIndex } from "./solution-index";
import { SubmissionRows } from "./submission-rows";

export const SCORE_SUBMISSION_COLUMNS = ["EventId", "score"] as const;
export const VALUE_SUBMISSION_COLUMNS = ["EventId", "prediction"] as const;

export interface ScoreColumnOptions {
  /** The header, default SCORE_SUBMISSION_COLUMNS. */
  columns?: readonly [string, string];
  /** Each value must lie in [0, 1] (a probability of class 1). */
  probability?: boolean;
}

/** Aligned with the solution's rows: scores[i] belongs to solution.ids[i]. */
export interface ScoreSubmission {
  scores: Float64Array;
}

const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * `id,score` rows in header order with an integer id (see FastRows). A class, not a closure per parse, so that every
 * parse runs the same optimised code with the same type feedback.
 */
class FastScoreRows implements FastRows {
  parsed = 0;
  /** The score is parsed into here and stored only once the whole row is known to be clean. */
  private readonly score = new Float64Array(1);

  constructor(
    private readonly records: SubmissionRows,
    private readonly scores: Float64Array,
    /** Values outside [0, 1] are left to the generic path, which reports them. */
    private readonly probability: boolean,
  ) {}

  parse(data: Uint8Array, start: number, end: number, line: number): number {
    const { records, scores, score } = this;
    const view = records.viewOf(data);
    const rows = records.rows;
    const first = records.count;
    let k = first;
    let i = start;
    while (i < end && k < rows.length) {
      const row = records.readDenseId(data, view, i);
      if (row < 0) break;
      const from = records.cursor + 1;
      let j = parseProbability(data, view, from, score, 0);
      if (j < 0) j = parsePlainDecimal(data, view, from, score, 0);
      if (j < 0 || (data[j] !== LF && data[j] !== CR)) j = parseOtherDecimal(data, from, score);
      if (data[j] === CR) j++;
      if (data[j] !== LF || j - i > FAST_ROW_MAX_BYTES || !Number.isFinite(score[0]!)) break;
      if (this.probability && !(score[0]! >= 0 && score[0]! <= 1)) break;
      rows[k++] = row;
      scores[row] = score[0]!;
      i = j + 1;
    }
    this.parsed = k - first;
    records.commit(k, line);
    return i;
  }
}

/**
 * Not a plain decimal ending the line (an exponent, '+', a quote...): the field is what precedes the next comma,
 * quote or line end (score bytes all sort above the comma), parsed by the general parser into out[0]; returns its end.
 */
export function parseOtherDecimal(data: Uint8Array, from: number, out: Float64Array): number {
  let j = from;
  while (data[j]! > COMMA) j++;
  out[0] = parseDecimal(data, from, j);
  return j;
}

/**
 * Whether every row received a score (NaN = none). A function of its own: V8 compiles a hot loop on entry, and code
 * after it in the same function that has not run yet would send that code back to the interpreter on every call.
 */
function everyScoreWritten(scores: Float64Array): boolean {
  for (let row = 0; row < scores.length; row++) if (Number.isNaN(scores[row])) return false;
  return true;
}

/** Pooled arrays as in parseHiggsSubmission: on success the caller owns `scores` and may give it back to `index.arrays`. */
export async function parseScoreSubmission(
  src: ByteSource,
  index: SolutionIndex,
  opts: CsvReadOptions = {},
  format: ScoreColumnOptions = {},
): Promise<ScoreSubmission> {
  const columns = format.columns ?? SCORE_SUBMISSION_COLUMNS;
  const probability = format.probability ?? false;
  const problems = new ProblemCollector(SubmissionFormatError);
  const records = new SubmissionRows(index, problems, null);
  // NaN = no valid record yet (a valid score is finite).
  const scores = index.arrays.take(Float64Array, index.size).fill(NaN);
  try {
    await readTable(
      src,
      columns,
      problems,
      (rec, col) => {
        const cScore = col[1]!;
        const score = parseDecimal(rec.buf, rec.starts[cScore]!, rec.ends[cScore]!);
        let valid = Number.isFinite(score);
        if (!valid) problems.add(rec.line, `${columns[1]} ${quoteValue(rec, cScore)} is not a finite number`);
        else if (probability && !(score >= 0 && score <= 1)) {
          problems.add(rec.line, `${columns[1]} ${quoteValue(rec, cScore)} is not a probability between 0 and 1`);
          valid = false;
        }
        const row = records.add(rec, col[0]!);
        if (row >= 0 && valid) scores[row] = score;
      },
      opts,
      (cols, width) => (width === 2 && cols[0] === 0 && records.dense !== null ? new FastScoreRows(records, scores, probability) : null),
    );
    records.reportIdProblems(everyScoreWritten(scores));
    problems.throwIfAny();
  } catch (e) {
    index.arrays.give(scores);
    throw e;
  } finally {
    records.release();
  }
  return { scores };
}
