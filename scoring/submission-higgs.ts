/**
 * HiggsML (Kaggle 2014) submission: `EventId,RankOrder,Class`. RankOrder must be a permutation of 1..N
 * (higher = more signal-like) parsed as integers: the official 2014 checker compared strings with integers,
 * so its range check never fired; here "0", "N+1", "1.5" and duplicates are all reported.
 */
import type { ByteSource } from "./byte-source";
import type { CsvReadOptions, FastRow } from "./csv-reader";
import { quoteValue, readTable } from "./csv-table";
import { ProblemCollector, SubmissionFormatError } from "./errors";
import { parseDigits } from "./parse-number";
import type { SolutionIndex } from "./solution-index";
import { SubmissionRows } from "./submission-rows";

export const HIGGS_SUBMISSION_COLUMNS = ["EventId", "RankOrder", "Class"] as const;

/** Aligned with the solution's rows: rankOrder[i] and isSignal[i] belong to solution.ids[i]. */
export interface HiggsSubmission {
  rankOrder: Int32Array;
  isSignal: Uint8Array;
}

const S = 115;
const B = 98;
/** Per-record value: rank * 2 + isSignal, or INVALID when RankOrder or Class is bad (already reported). */
const INVALID = 0;

const COMMA = 44;
const LF = 10;
const CR = 13;

/** `EventId,RankOrder,Class` rows in header order with integer ids: the fast path (see FastRow), else none. */
function fastHiggsRow(records: SubmissionRows<Int32Array>, n: number, columns: Int32Array, width: number): FastRow | null {
  if (width !== 3 || columns[0] !== 0 || columns[1] !== 1 || records.dense === null) return null;
  return (data, start, line) => {
    const row = records.readDenseId(data, start);
    if (row < 0) return -1;
    const rankStart = records.cursor + 1;
    let i = rankStart;
    let rank = 0;
    for (;;) {
      const d = data[i]! - 48;
      if (d < 0 || d > 9) break;
      rank = rank * 10 + d;
      i++;
    }
    if (data[i] !== COMMA || i === rankStart || i - rankStart > 15 || rank < 1 || rank > n) return -1;
    const c = data[++i]! | 0x20;
    if (c !== S && c !== B) return -1;
    if (data[++i] === CR) i++;
    if (data[i] !== LF) return -1;
    records.push(row, line, rank * 2 + (c === S ? 1 : 0));
    return i + 1;
  };
}

function reportDuplicateRanks(records: SubmissionRows<Int32Array>, n: number, problems: ProblemCollector): void {
  const firstRecord = new Int32Array(n + 1).fill(-1);
  const { values, lines } = records;
  for (let k = 0; k < records.count; k++) {
    const rank = values[k]! >> 1;
    if (rank === 0) continue;
    const first = firstRecord[rank]!;
    if (first < 0) firstRecord[rank] = k;
    else problems.add(lines[k]!, `RankOrder ${rank} appears again (first on line ${lines[first]})`);
  }
}

export async function parseHiggsSubmission(src: ByteSource, index: SolutionIndex, opts: CsvReadOptions = {}): Promise<HiggsSubmission> {
  const n = index.size;
  const problems = new ProblemCollector(SubmissionFormatError);
  const records = new SubmissionRows(index, problems, new Int32Array(n));
  await readTable(
    src,
    HIGGS_SUBMISSION_COLUMNS,
    problems,
    (rec, col) => {
      const cRank = col[1]!;
      const cClass = col[2]!;
      const rank = parseDigits(rec.buf, rec.starts[cRank]!, rec.ends[cRank]!);
      const rankOk = rank >= 1 && rank <= n;
      if (rank < 0) problems.add(rec.line, `RankOrder ${quoteValue(rec, cRank)} is not a positive integer`);
      else if (!rankOk) problems.add(rec.line, `RankOrder ${rank} is out of range 1..${n}`);
      const classStart = rec.starts[cClass]!;
      const c = rec.ends[cClass]! - classStart === 1 ? rec.buf[classStart]! | 0x20 : -1;
      const classOk = c === S || c === B;
      if (!classOk) problems.add(rec.line, `Class ${quoteValue(rec, cClass)} is not s or b`);
      records.add(rec, col[0]!, rankOk && classOk ? rank * 2 + (c === S ? 1 : 0) : INVALID);
    },
    opts,
    (columns, width) => fastHiggsRow(records, n, columns, width),
  );
  const packed = new Int32Array(n);
  records.scatter(packed);
  reportDuplicateRanks(records, n, problems);
  problems.throwIfAny();
  const rankOrder = new Int32Array(n);
  const isSignal = new Uint8Array(n);
  for (let row = 0; row < n; row++) {
    rankOrder[row] = packed[row]! >> 1;
    isSignal[row] = packed[row]! & 1;
  }
  return { rankOrder, isSignal };
}
