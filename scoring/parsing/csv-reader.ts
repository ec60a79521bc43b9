/**
 * Streaming CSV reader working on bytes (RFC 4180 quoting, UTF-8 BOM, LF or CRLF, optional final newline).
 * It hands each record to a callback as byte ranges into a buffer, so callers parse ids and numbers without
 * building strings. Unreadable input (binary data, a line over the limit, an unterminated quote, a corrupt gzip,
 * a file over the size limit) is fatal; everything else is left to the caller to report per line.
 */
import { ByteSourceError, DEFAULT_MAX_BYTES, readByteChunks, type ByteSource } from "./byte-source";
import type { ProblemCollector } from "./errors";
import { bytesToString } from "./parse-number";

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export interface CsvReadOptions {
  /** Limit on the file size, compressed and decompressed (default 200 MiB). */
  maxBytes?: number;
  /** Limit on one line (default 1 MiB): a longer line is certainly not a score row and could exhaust memory. */
  maxLineBytes?: number;
}

/** One record; reused between callbacks, so copy what you keep. Field k spans buf[starts[k], ends[k]). */
export interface CsvRecord {
  buf: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where a quoted field contains doubled quotes that fieldText must unescape. */
  escaped: Uint8Array;
  count: number;
  /** 1-based line where the record starts. */
  line: number;
  /** Set when the record is syntactically broken (text after a closing quote). */
  malformed: string | null;
}

/**
 * A reader's first FastRows.parse call covers at most this many bytes, so that its exit path runs (and collects type
 * feedback) before V8 compiles the row loop on entry: compiled without that feedback, the loop's code was kept and
 * left for the interpreter at the end of every later chunk (about 16 deoptimisations per 550,000-row file).
 */
const FIRST_FAST_BYTES = 4096;
/** Fast row parsers never accept a row longer than this (the scanner uses them only under a larger line limit). */
export const FAST_ROW_MAX_BYTES = 256;

/**
 * A specialised parser for runs of common, clean data rows, tried before the generic record split: it parses
 * consecutive rows from data[start] on, each one line, stopping before `end` (just after an LF) or before the first
 * row it cannot take (left to the generic path, which then reports whatever is wrong with it). Looping over many rows
 * in one call keeps the per-row work in one tight loop. `line` is the first row's line.
 */
export interface FastRows {
  /** Returns the index after the last row parsed (`start` when none), and sets `parsed` to their number. */
  parse(data: Uint8Array, start: number, end: number, line: number): number;
  parsed: number;
}

/** Handed to record callbacks, to install FastRows for the records that follow (typically after the header). */
export interface RecordControl {
  useFastRows(rows: FastRows): void;
}

/** Field k as a string (quotes unescaped). */
export function fieldText(rec: CsvRecord, k: number): string {
  const text = bytesToString(rec.buf, rec.starts[k]!, rec.ends[k]!);
  return rec.escaped[k] ? text.replaceAll('""', '"') : text;
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const TAB = 9;

function isBinaryByte(c: number): boolean {
  return (c < 32 && c !== TAB && c !== LF && c !== CR) || c === 127;
}

function growFields(rec: CsvRecord): void {
  const size = rec.starts.length * 2;
  const starts = new Int32Array(size);
  const ends = new Int32Array(size);
  const escaped = new Uint8Array(size);
  starts.set(rec.starts);
  ends.set(rec.ends);
  escaped.set(rec.escaped);
  rec.starts = starts;
  rec.ends = ends;
  rec.escaped = escaped;
}

class RecordScanner implements RecordControl {
  readonly rec: CsvRecord = {
    buf: new Uint8Array(0),
    starts: new Int32Array(16),
    ends: new Int32Array(16),
    escaped: new Uint8Array(16),
    count: 0,
    line: 1,
    malformed: null,
  };
  records = 0;
  private line = 1;
  private fast: FastRows | null = null;
  private fastCalls = 0;

  constructor(
    private readonly onRecord: (rec: CsvRecord, control: RecordControl) => void,
    private readonly problems: ProblemCollector,
    private readonly maxLineBytes: number,
  ) {}

  useFastRows(rows: FastRows): void {
    // A fast row is short by construction, so under a smaller limit the generic path must judge every line.
    if (this.maxLineBytes >= FAST_ROW_MAX_BYTES) this.fast = rows;
  }

  private push(start: number, end: number, escaped: number): void {
    const rec = this.rec;
    if (rec.count === rec.starts.length) growFields(rec);
    rec.starts[rec.count] = start;
    rec.ends[rec.count] = end;
    rec.escaped[rec.count] = escaped;
    rec.count++;
  }

  private emit(recordStart: number, end: number, newlines: number): void {
    if (end - recordStart > this.maxLineBytes) {
      this.problems.fatal(this.line, `line is longer than the limit of ${this.maxLineBytes} bytes`);
    }
    const rec = this.rec;
    // Blank lines carry no data (typically trailing newlines); skipping them is harmless since every id is checked.
    const blank = rec.count === 1 && rec.starts[0] === rec.ends[0] && rec.malformed === null;
    if (!blank) {
      rec.line = this.line;
      this.records++;
      this.onRecord(rec, this);
    }
    this.line += newlines;
  }

  /**
   * Emits every complete record of data[from..] and returns where the first incomplete one starts
   * (data.length when none). With `final`, the last record needs no newline.
   */
  scan(data: Uint8Array, from: number, final: boolean): number {
    const n = data.length;
    const rec = this.rec;
    rec.buf = data;
    let recordStart = from;
    let i = from;
    const lastLF = data.lastIndexOf(LF);
    records: while (i < n) {
      const fast = this.fast;
      if (fast !== null && i < lastLF) {
        const end = this.fastCalls++ === 0 ? Math.min(lastLF + 1, i + FIRST_FAST_BYTES) : lastLF + 1;
        recordStart = i = fast.parse(data, i, end, this.line);
        this.records += fast.parsed;
        this.line += fast.parsed;
        if (i >= n) break;
      }
      rec.count = 0;
      rec.malformed = null;
      let fieldStart = i;
      let newlines = 0;
      for (;;) {
        // Hot loop: ordinary field bytes (digits, letters, '.', '-') all sort above the comma.
        while (i < n && data[i]! > COMMA) i++;
        if (i >= n) {
          if (!final) break records;
          this.push(fieldStart, n > fieldStart && data[n - 1] === CR ? n - 1 : n, 0);
          this.emit(recordStart, n, 0);
          recordStart = n;
          break records;
        }
        const c = data[i]!;
        if (c === COMMA) {
          this.push(fieldStart, i, 0);
          fieldStart = ++i;
        } else if (c === LF) {
          const end = i > fieldStart && data[i - 1] === CR ? i - 1 : i;
          this.push(fieldStart, end, 0);
          this.emit(recordStart, i, newlines + 1);
          recordStart = ++i;
          continue records;
        } else if (c === QUOTE && i === fieldStart) {
          const q = this.scanQuoted(data, i, final);
          if (q < 0) break records;
          newlines += this.quotedNewlines;
          i = q;
          const next = i < n ? data[i] : LF;
          // A CR ending the chunk may be the first half of a CRLF: wait for the next chunk.
          if (next === CR && i + 1 === n && !final) break records;
          if (next !== COMMA && next !== LF && !(next === CR && (i + 1 === n || data[i + 1] === LF))) {
            rec.malformed ??= "unexpected text after a closing quote";
            continue;
          }
          this.push(fieldStart + 1, i - 1, this.quotedEscaped);
          if (next === COMMA) fieldStart = ++i;
          else if (i >= n) {
            this.emit(recordStart, n, 0);
            recordStart = n;
            break records;
          } else {
            if (next === CR) i++;
            this.emit(recordStart, i, newlines + 1);
            recordStart = ++i;
            continue records;
          }
        } else if (isBinaryByte(c)) {
          this.problems.fatal(
            this.line + newlines,
            "binary data (control byte 0x" + c.toString(16).padStart(2, "0") + "): this is not a CSV text file",
          );
        } else {
          i++;
        }
      }
    }
    if (n - recordStart > this.maxLineBytes) {
      this.problems.fatal(this.line, `line is longer than the limit of ${this.maxLineBytes} bytes`);
    }
    return recordStart;
  }

  private quotedNewlines = 0;
  private quotedEscaped = 0;

  /** From an opening quote at `open`, returns the index after the closing quote, or -1 when data ends first. */
  private scanQuoted(data: Uint8Array, open: number, final: boolean): number {
    const n = data.length;
    this.quotedNewlines = 0;
    this.quotedEscaped = 0;
    let j = open + 1;
    for (;;) {
      if (j >= n) {
        if (final) this.problems.fatal(this.line, "a quoted field is never closed");
        return -1;
      }
      const c = data[j]!;
      if (c === QUOTE) {
        if (j + 1 >= n && !final) return -1;
        if (data[j + 1] !== QUOTE) return j + 1;
        this.quotedEscaped = 1;
        j += 2;
        continue;
      }
      if (c === LF) this.quotedNewlines++;
      else if (isBinaryByte(c))
        this.problems.fatal(this.line + this.quotedNewlines, "binary data inside a quoted field: this is not a CSV text file");
      j++;
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Reads `src` record by record. Returns the number of non-blank records (0 = empty file).
 * Throws the collector's error class for fatal problems; per-record checks are the callback's job.
 * `onRecord` may install FastRows through its second argument.
 */
export async function readCsvRecords(
  src: ByteSource,
  problems: ProblemCollector,
  onRecord: (rec: CsvRecord, control: RecordControl) => void,
  opts: CsvReadOptions = {},
): Promise<number> {
  const scanner = new RecordScanner(onRecord, problems, opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  let carry: Uint8Array | null = null;
  let first = true;
  try {
    for await (const chunk of readByteChunks(src, opts.maxBytes ?? DEFAULT_MAX_BYTES)) {
      let data: Uint8Array = chunk;
      let from = 0;
      if (carry !== null && !first) {
        // Finish the record cut at the chunk boundary on its own, then scan the chunk in place: copying
        // whole 1 MB chunks just to prepend a few bytes costs time and memory churn.
        const end = chunk.indexOf(LF) + 1;
        if (end > 0 && !carry.includes(QUOTE) && !chunk.subarray(0, end).includes(QUOTE)) {
          scanner.scan(concat(carry, chunk.subarray(0, end)), 0, false);
          from = end;
        } else data = concat(carry, chunk);
        carry = null;
      } else if (carry !== null) data = concat(carry, chunk);
      if (first && data.length > 0) {
        if (data.length < 3 && data[0] === 0xef) {
          carry = data.slice(); // too short to tell whether this is a BOM yet (a copy: the chunk is not ours to keep)
          continue;
        }
        first = false;
        if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) from = 3;
      }
      const rest = scanner.scan(data, from, false);
      // Keep only the incomplete record; copy it so a huge source buffer is not pinned by a small tail.
      carry = rest < data.length ? data.slice(rest) : null;
    }
  } catch (e) {
    if (e instanceof ByteSourceError) problems.fatal(null, e.message);
    throw e;
  }
  if (carry !== null) {
    const from = first && carry[0] === 0xef && carry[1] === 0xbb && carry[2] === 0xbf ? 3 : 0;
    scanner.scan(carry, from, true);
  }
  return scanner.records;
}
