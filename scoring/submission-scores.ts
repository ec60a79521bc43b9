/** Score submission (anomaly detection and other challenges): `EventId,score`, one finite decimal per event. */
import type { ByteSource } from "./byte-source";
import type { CsvReadOptions, FastRow } from "./csv-reader";
import { quoteValue, readTable } from "./csv-table";
import { ProblemCollector, SubmissionFormatError } from "./errors";
import { parseDecimal, parsePlainDecimal, plainDecimalEnd } from "./parse-number";
import type { SolutionIndex } from "./solution-index";
import { SubmissionRows } from "./submission-rows";

export const SCORE_SUBMISSION_COLUMNS = ["EventId", "score"] as const;

/** Aligned with the solution's rows: scores[i] belongs to solution.ids[i]. */
export interface ScoreSubmission {
  scores: Float64Array;
}

const COMMA = 44;
const LF = 10;
const CR = 13;

/** `id,score` rows in header order with an integer id: the fast path (see FastRow), else none. */
function fastScoreRow(records: SubmissionRows<Float64Array>, columns: Int32Array, width: number): FastRow | null {
  if (width !== 2 || columns[0] !== 0 || records.dense === null) return null;
  let viewed: Uint8Array | null = null;
  let view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  return (data, start, line) => {
    const row = records.readDenseId(data, start);
    if (row < 0) return -1;
    if (data !== viewed) {
      viewed = data;
      view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    }
    const from = records.cursor + 1;
    let score = parsePlainDecimal(data, view, from);
    let i = plainDecimalEnd;
    if (Number.isNaN(score) || (data[i] !== LF && data[i] !== CR)) {
      // Not a plain decimal ending the line (an exponent, '+', a quote...): the field is what precedes the next
      // comma, quote or line end (score bytes all sort above the comma), parsed by the general parser.
      i = from;
      while (data[i]! > COMMA) i++;
      score = parseDecimal(data, from, i);
    }
    if (data[i] === CR) i++;
    if (data[i] !== LF || !Number.isFinite(score)) return -1;
    records.push(row, line, score);
    return i + 1;
  };
}

export async function parseScoreSubmission(src: ByteSource, index: SolutionIndex, opts: CsvReadOptions = {}): Promise<ScoreSubmission> {
  const problems = new ProblemCollector(SubmissionFormatError);
  const records = new SubmissionRows(index, problems, new Float64Array(index.size));
  await readTable(
    src,
    SCORE_SUBMISSION_COLUMNS,
    problems,
    (rec, col) => {
      const cScore = col[1]!;
      const score = parseDecimal(rec.buf, rec.starts[cScore]!, rec.ends[cScore]!);
      if (!Number.isFinite(score)) problems.add(rec.line, `score ${quoteValue(rec, cScore)} is not a finite number`);
      records.add(rec, col[0]!, score);
    },
    opts,
    (columns, width) => fastScoreRow(records, columns, width),
  );
  const scores = new Float64Array(index.size);
  records.scatter(scores);
  problems.throwIfAny();
  return { scores };
}
