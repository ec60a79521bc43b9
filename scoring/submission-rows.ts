/**
 * What every submission format shares: each solution EventId exactly once, no others. Rows are recorded in file
 * order (row, line, value) and only scattered to solution order after the parse, in one tight loop: with
 * shuffled rows over 550,000 events, random memory accesses dominate, and a tight loop lets the CPU overlap
 * them where the per-record parse loop cannot.
 */
import type { CsvRecord } from "./csv-reader";
import { quoteValue } from "./csv-table";
import type { ProblemCollector } from "./errors";
import { denseRow, type DenseIds, type SolutionIndex } from "./solution-index";

const COMMA = 44;

type Values = Int32Array | Float64Array;

function grown<T extends Int32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2 + 16);
  b.set(a);
  return b;
}

export class SubmissionRows<T extends Values> {
  /** Per record in file order: solution row (-1 = bad id), line, parsed value. */
  rows: Int32Array;
  lines: Int32Array;
  values: T;
  count = 0;
  /** Integer id table for fast rows (null: ids are not all integers, no fast rows). */
  readonly dense: DenseIds | null;
  /** Where readDenseId stopped: the comma after the id. */
  cursor = 0;

  constructor(
    private readonly index: SolutionIndex,
    private readonly problems: ProblemCollector,
    values: T,
  ) {
    this.rows = new Int32Array(index.size);
    this.lines = new Int32Array(index.size);
    this.values = values;
    this.dense = index.dense;
  }

  /**
   * For fast rows: the row of the canonical integer EventId at data[start..], which must end in a comma (left in
   * `cursor`), or -1 for anything else, an unknown id included, so the generic path reports it. Needs `dense`.
   */
  readDenseId(data: Uint8Array, start: number): number {
    let i = start;
    let id = 0;
    for (;;) {
      const d = data[i]! - 48;
      if (d < 0 || d > 9) break;
      id = id * 10 + d;
      i++;
    }
    const digits = i - start;
    if (data[i] !== COMMA || digits === 0 || digits > 15 || (digits > 1 && data[start] === 48)) return -1;
    this.cursor = i;
    return denseRow(this.dense!, id);
  }

  /** Records the record's EventId (reporting an empty or unknown one) with its parsed value. */
  add(rec: CsvRecord, idColumn: number, value: number): void {
    const start = rec.starts[idColumn]!;
    const end = rec.ends[idColumn]!;
    let row = -1;
    if (start === end) this.problems.add(rec.line, "EventId is empty");
    else {
      row = this.index.lookup(rec.buf, start, end);
      if (row < 0) this.problems.add(rec.line, `unknown EventId ${quoteValue(rec, idColumn)}`);
    }
    this.push(row, rec.line, value);
  }

  /** Records an already looked-up row (-1 = bad id, already reported). */
  push(row: number, line: number, value: number): void {
    const k = this.count++;
    if (k === this.rows.length) {
      this.rows = grown(this.rows);
      this.lines = grown(this.lines);
      this.values = grown(this.values);
    }
    this.rows[k] = row;
    this.lines[k] = line;
    this.values[k] = value;
  }

  /** Index of the first record with rows[k] === row (only called to word a problem, so a scan is fine). */
  private firstRecordOf(row: number): number {
    return this.rows.subarray(0, this.count).indexOf(row);
  }

  /**
   * Copies values into `target` (solution order), reporting repeated and missing EventIds.
   * `target` must have the solution's length.
   */
  scatter(target: T): void {
    const { rows, values, count, problems } = this;
    const ids = this.index.solution.ids;
    const seen = new Uint8Array(ids.length);
    for (let k = 0; k < count; k++) {
      const row = rows[k]!;
      if (row < 0) continue;
      if (seen[row]) {
        // Lazy message: finding the first occurrence is a scan, only worth it for problems that get shown.
        problems.add(this.lines[k]!, () => `EventId ${JSON.stringify(ids[row])} appears again (first on line ${this.lines[this.firstRecordOf(row)]})`);
      } else {
        seen[row] = 1;
        target[row] = values[k]!;
      }
    }
    for (let row = 0; row < ids.length; row++) {
      if (!seen[row]) problems.add(null, `EventId ${JSON.stringify(ids[row])} is missing`);
    }
  }

}
