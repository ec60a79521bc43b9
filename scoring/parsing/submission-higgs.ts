/**
 * HiggsML (Kaggle 2014) submission: `EventId,RankOrder,Class`. RankOrder must be a permutation of 1..N
 * (higher = more signal-like) parsed as integers: the official 2014 checker compared strings with integers,
 * so its range check never fired; here "0", "N+1", "1.5" and duplicates are all reported.
 */
import type { ByteSource } from "./byte-source";
import type { CsvReadOptions, FastRows } from "./csv-reader";
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

/**
 * `EventId,RankOrder,Class` rows in header order with integer ids (see FastRows). A class, not a closure per parse,
 * so that every parse runs the same optimised code with the same type feedback. It holds the two arrays itself, not
 * a `{ rankOrder, isSignal }` object: when that literal was evaluated again at the start of the second parse, V8 threw
 * the optimised parse away (its code depended on the literal's fields staying constant; seen with --trace-deopt)
 * and fell back to on-stack-replaced code for the next five scorings.
 */
class FastHiggsRows implements FastRows {
  parsed = 0;

  constructor(
    private readonly records: SubmissionRows<Int32Array>,
    private readonly rankOrder: Int32Array,
    private readonly isSignal: Uint8Array,
  ) {}

  parse(data: Uint8Array, start: number, end: number, line: number): number {
    const { records, rankOrder, isSignal } = this;
    const { rows, values } = records;
    const n = rankOrder.length;
    const first = records.count;
    let k = first;
    let i = start;
    const view = records.viewOf(data);
    while (i < end && k < rows.length) {
      const row = records.readDenseId(data, view, i);
      if (row < 0) break;
      const rankStart = records.cursor + 1;
      const rank = records.readDigits(data, view, rankStart);
      let j = records.cursor;
      if (data[j] !== COMMA || j === rankStart || j - rankStart > 15 || rank < 1 || rank > n) break;
      const c = data[++j]! | 0x20;
      if (c !== S && c !== B) break;
      if (data[++j] === CR) j++;
      if (data[j] !== LF) break;
      const signal = c === S ? 1 : 0;
      rows[k] = row;
      values[k] = rank * 2 + signal;
      rankOrder[row] = rank;
      isSignal[row] = signal;
      k++;
      i = j + 1;
    }
    this.parsed = k - first;
    records.commit(k, line);
    return i;
  }
}

function reportDuplicateRanks(records: SubmissionRows<Int32Array>, n: number, problems: ProblemCollector): void {
  const firstRecord = new Int32Array(n + 1).fill(-1);
  const { values } = records;
  for (let k = 0; k < records.count; k++) {
    const rank = values[k]! >> 1;
    if (rank === 0) continue;
    const first = firstRecord[rank]!;
    if (first < 0) firstRecord[rank] = k;
    else problems.add(records.lineOf(k), `RankOrder ${rank} appears again (first on line ${records.lineOf(first)})`);
  }
}

/**
 * One pass proves the clean case: every row has a rank (0 = no valid record reached it) and the ranks are distinct.
 * A function of its own: V8 compiles a hot loop on entry, and code after it in the same function that has not run
 * yet would send that code back to the interpreter on every call.
 */
function rankCensus(rankOrder: Int32Array, seen: Uint8Array): { distinct: number; allWritten: boolean } {
  let distinct = 0;
  for (let row = 0; row < rankOrder.length; row++) {
    const rank = rankOrder[row]!;
    distinct += 1 - seen[rank]!;
    seen[rank] = 1;
  }
  return { distinct, allWritten: seen[0] === 0 };
}

/**
 * The arrays come from the index's pool (see ArrayPool): on success the caller owns the result's two arrays and may
 * give them back to `index.arrays` once done with them (scoreSubmission does); everything else goes back here.
 */
export async function parseHiggsSubmission(src: ByteSource, index: SolutionIndex, opts: CsvReadOptions = {}): Promise<HiggsSubmission> {
  const n = index.size;
  const { arrays } = index;
  const problems = new ProblemCollector(SubmissionFormatError);
  // Per record in file order: rank * 2 + isSignal, for the duplicate-rank messages. rankOrder 0 = no valid record yet.
  const records = new SubmissionRows(index, problems, arrays.take(Int32Array, n));
  const rankOrder = arrays.take(Int32Array, n).fill(0);
  const isSignal = arrays.take(Uint8Array, n).fill(0);
  const seen = arrays.take(Uint8Array, n + 1).fill(0);
  try {
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
        const valid = rankOk && classOk;
        const signal = c === S ? 1 : 0;
        const row = records.add(rec, col[0]!, valid ? rank * 2 + signal : INVALID);
        if (row >= 0 && valid) {
          rankOrder[row] = rank;
          isSignal[row] = signal;
        }
      },
      opts,
      (columns, width) =>
        width === 3 && columns[0] === 0 && columns[1] === 1 && records.dense !== null
          ? new FastHiggsRows(records, rankOrder, isSignal)
          : null,
    );
    const { distinct, allWritten } = rankCensus(rankOrder, seen);
    records.reportIdProblems(allWritten);
    // With each row once (n records) and n distinct ranks, no rank can repeat; otherwise look in file order.
    if (!(allWritten && records.count === n && distinct === n)) reportDuplicateRanks(records, n, problems);
    problems.throwIfAny();
  } catch (e) {
    arrays.give(rankOrder, isSignal);
    throw e;
  } finally {
    records.release();
    arrays.give(seen);
  }
  return { rankOrder, isSignal };
}
