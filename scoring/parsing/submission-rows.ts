/**
 * What every submission format shares: each solution EventId exactly once, no others. Parsers write each record's
 * values straight to solution order (inside their row loop, where the CPU hides the random stores behind the
 * parsing). This class keeps only what wording a problem needs: each record's solution row in file order and the
 * records' lines, as runs of consecutive lines rather than one number per record. A clean file, the usual case,
 * is recognised without reading any of it: every solution row written, by exactly as many records as rows.
 */
import type { CsvRecord } from "./csv-reader";
import { quoteValue } from "./csv-table";
import { MAX_REPORTED_PROBLEMS, type ProblemCollector } from "./errors";
import { fourDigitsAt } from "./parse-number";
import { denseRow, type DenseIds, type SolutionIndex } from "./solution-index";

const COMMA = 44;

type Values = Int32Array | Float64Array;

function grown<T extends Values>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2 + 16);
  b.set(a);
  return b;
}

export class SubmissionRows<T extends Values | null = null> {
  /** Per record in file order: its solution row (−1 = bad id, already reported). */
  rows: Int32Array;
  /** Per record in file order: its parsed value, for formats whose problems need it (null: not kept). */
  values: T;
  count = 0;
  /** Records whose EventId is a solution id. */
  known = 0;
  /** Integer id table for fast rows (null: ids are not all integers, no fast rows). */
  readonly dense: DenseIds | null;
  /** Where readDigits (and so readDenseId) stopped: after readDenseId, the comma after the id. */
  cursor = 0;
  /** Line runs: record runStart[j] is on line runLine[j], each later record on the next line, until the next run. */
  private readonly runStart: number[] = [];
  private readonly runLine: number[] = [];
  private nextLine = -1;
  /** A DataView of the chunk last passed to viewOf, for fast rows' four-digit reads (see fourDigitsAt). */
  private viewed: Uint8Array | null = null;
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

  /** `values`, when kept, must have the solution's length; release() gives it back to the index's pool with `rows`. */
  constructor(
    private readonly index: SolutionIndex,
    private readonly problems: ProblemCollector,
    values: T,
  ) {
    this.rows = index.arrays.take(Int32Array, index.size);
    this.values = values;
    this.dense = index.dense;
  }

  /** Gives `rows` and `values` back to the index's pool (unless a file with extra records outgrew them); ends this object's use. */
  release(): void {
    const { arrays, size } = this.index;
    if (this.rows.length === size) arrays.give(this.rows);
    if (this.values !== null && this.values.length === size) arrays.give(this.values);
  }

  /** A DataView over exactly `data` (made once per chunk). */
  viewOf(data: Uint8Array): DataView {
    if (data !== this.viewed) {
      this.viewed = data;
      this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    }
    return this.view;
  }

  /**
   * For fast rows: the value of the run of ASCII digits at data[start..] (`view` = viewOf(data)), four at a time
   * where it can; its end goes to `cursor`. Meaningful up to 15 digits (callers check the length).
   */
  readDigits(data: Uint8Array, view: DataView, start: number): number {
    let i = start;
    let value = fourDigitsAt(view, i, data.length);
    if (value >= 0) i += 4;
    else value = 0;
    for (;;) {
      const d = data[i]! - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
      i++;
    }
    this.cursor = i;
    return value;
  }

  /**
   * For fast rows: the row of the canonical integer EventId at data[start..] (`view` = viewOf(data)), which must end
   * in a comma (left in `cursor`), or −1 for anything else, an unknown id included, so the generic path reports it.
   * Needs `dense`.
   */
  readDenseId(data: Uint8Array, view: DataView, start: number): number {
    const id = this.readDigits(data, view, start);
    const i = this.cursor;
    const digits = i - start;
    if (data[i] !== COMMA || digits === 0 || digits > 15 || (digits > 1 && data[start] === 48)) return -1;
    return denseRow(this.dense!, id);
  }

  /** Records the record's EventId (reporting an empty or unknown one) with its value; returns its row or −1. */
  add(rec: CsvRecord, idColumn: number, value = 0): number {
    const start = rec.starts[idColumn]!;
    const end = rec.ends[idColumn]!;
    let row = -1;
    if (start === end) this.problems.add(rec.line, "EventId is empty");
    else {
      row = this.index.lookup(rec.buf, start, end);
      if (row < 0) this.problems.add(rec.line, `unknown EventId ${quoteValue(rec, idColumn)}`);
    }
    const k = this.count;
    if (k === this.rows.length) {
      this.rows = grown(this.rows);
      if (this.values !== null) this.values = grown(this.values as Values) as T;
    }
    this.rows[k] = row;
    if (this.values !== null) (this.values as Values)[k] = value;
    this.noteLine(k, rec.line);
    this.nextLine = rec.line + 1;
    this.count = k + 1;
    if (row >= 0) this.known++;
    return row;
  }

  /**
   * For fast rows, which stop at the capacity (rows.length) and write rows[] and values[] themselves: records
   * count..end−1, all with solution ids, on consecutive lines from `line`.
   */
  commit(end: number, line: number): void {
    const first = this.count;
    if (end === first) return;
    this.noteLine(first, line);
    this.nextLine = line + (end - first);
    this.known += end - first;
    this.count = end;
  }

  private noteLine(k: number, line: number): void {
    if (line === this.nextLine) return;
    this.runStart.push(k);
    this.runLine.push(line);
  }

  /** Line of record k. */
  lineOf(k: number): number {
    const { runStart, runLine } = this;
    let lo = 0;
    let hi = runStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runStart[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return runLine[lo]! + (k - runStart[lo]!);
  }

  /** Index of the first record with rows[k] === row (only called to word a problem, so a scan is fine). */
  private firstRecordOf(row: number): number {
    return this.rows.subarray(0, this.count).indexOf(row);
  }

  /**
   * Reports repeated and missing EventIds. `allWritten` says that every solution row received a value: with as
   * many records with solution ids as rows, each row then came exactly once and there is nothing to look for.
   */
  reportIdProblems(allWritten: boolean): void {
    const ids = this.index.solution.ids;
    if (allWritten && this.known === ids.length) return;
    const { rows, count, problems } = this;
    const seen = new Uint8Array(ids.length);
    for (let k = 0; k < count; k++) {
      const row = rows[k]!;
      if (row < 0) continue;
      if (seen[row]) {
        // Lazy message: finding the first occurrence is a scan, only worth it for problems that get shown.
        problems.add(
          this.lineOf(k),
          () => `EventId ${JSON.stringify(ids.at(row))} appears again (first on line ${this.lineOf(this.firstRecordOf(row))})`,
        );
      } else seen[row] = 1;
    }
    // Missing events are one problem, counted, with the first few named: a truncated file would otherwise list
    // thousands of lines that all say the same thing.
    const missing: string[] = [];
    let nMissing = 0;
    for (let row = 0; row < ids.length; row++) {
      if (seen[row]) continue;
      if (nMissing++ < MAX_REPORTED_PROBLEMS) missing.push(JSON.stringify(ids.at(row)));
    }
    if (nMissing > 0) problems.addSummary(null, missingEventsMessage(nMissing, ids.length, missing));
  }
}

const count = (n: number) => n.toLocaleString("en-US");

/** "1,000 of 550,000 events are missing; the first 20: EventIds "7", "9", …" (ids already quoted). */
export function missingEventsMessage(nMissing: number, nEvents: number, firstIds: readonly string[]): string {
  if (nMissing === 1) return `1 of ${count(nEvents)} events is missing: EventId ${firstIds[0]}`;
  const which = firstIds.length < nMissing ? `; the first ${firstIds.length}:` : ":";
  return `${count(nMissing)} of ${count(nEvents)} events are missing${which} EventIds ${firstIds.join(", ")}`;
}
