/**
 * Checks on a bundle's data files, read straight from their bytes: a full Higgs test.csv is ~100 MB, too big to
 * hold as a string just to count its lines or pick one column.
 *
 * Example: the bytes of "EventId,x\n7,0.5\n9,1.5\n" have 3 lines (2 data rows below the header), and
 * readIdColumn gives ids [7, 9] with lines [2, 3].
 */
import { createHash } from "node:crypto";
import type { IssueList } from "./issues";

const NL = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const MINUS = 0x2d;
const ZERO = 0x30;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Lines of a text file; a last line without its newline counts, a file's final newline adds none. */
export function lineCount(bytes: Uint8Array): number {
  let n = 0;
  for (let at = bytes.indexOf(NL); at >= 0; at = bytes.indexOf(NL, at + 1)) n++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== NL ? n + 1 : n;
}

/** True when the bytes are valid UTF-8, decoded in slices so no 100 MB string is ever built. */
export function isUtf8(bytes: Uint8Array): boolean {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const SLICE = 1 << 22;
  try {
    for (let from = 0; from < bytes.length; from += SLICE) decoder.decode(bytes.subarray(from, from + SLICE), { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** The text of `bytes` as chunks of about 1 MB, re-iterable (the importer may read a file more than once). */
export function textChunks(bytes: Uint8Array): Iterable<string> {
  const SLICE = 1 << 20;
  return {
    *[Symbol.iterator]() {
      const decoder = new TextDecoder("utf-8");
      for (let from = 0; from < bytes.length; from += SLICE) yield decoder.decode(bytes.subarray(from, from + SLICE), { stream: true });
      const tail = decoder.decode();
      if (tail) yield tail;
    },
  };
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** An integer field in bytes [from, to), or NaN when it is not a plain decimal integer. */
function parseInteger(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  const negative = bytes[i] === MINUS;
  if (negative) i++;
  if (i >= to || to - i > 10) return Number.NaN;
  let value = 0;
  for (; i < to; i++) {
    const d = bytes[i]! - ZERO;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return negative ? -value : value;
}

export interface IdColumn {
  ids: Int32Array;
  /** 1-based line of each id (the header is line 1). */
  lines: Int32Array;
}

/**
 * The EventId column of a CSV file with a header (plain fields: the platform's data files quote nothing).
 * Problems go to `issues` under `source`; null when the column cannot be read at all.
 */
export function readIdColumn(bytes: Uint8Array, source: string, issues: IssueList): IdColumn | null {
  const firstNl = bytes.indexOf(NL);
  const headerEnd = firstNl < 0 ? bytes.length : firstNl;
  const header = new TextDecoder().decode(bytes.subarray(0, headerEnd)).replace(/\r$/, "").split(",");
  const column = header.findIndex((name) => name.trim().replace(/^"(.*)"$/, "$1").toLowerCase() === "eventid");
  if (column < 0) {
    issues.add(source, `no EventId column in the header (found ${header.slice(0, 5).join(",")}${header.length > 5 ? ",…" : ""})`);
    return null;
  }
  const capacity = lineCount(bytes);
  const ids = new Int32Array(capacity);
  const lines = new Int32Array(capacity);
  let n = 0;
  let line = 1;
  for (let start = headerEnd + 1; start < bytes.length; line++) {
    let end = bytes.indexOf(NL, start);
    if (end < 0) end = bytes.length;
    const next = end + 1;
    if (end > start && bytes[end - 1] === CR) end--;
    // Walk to the id's field by its commas.
    let from = start;
    for (let k = 0; k < column && from <= end; k++) {
      const comma = bytes.indexOf(COMMA, from);
      from = comma < 0 || comma >= end ? end + 1 : comma + 1;
    }
    let to = from > end ? from : bytes.indexOf(COMMA, from);
    if (to < 0 || to > end) to = end;
    const id = from > end ? Number.NaN : parseInteger(bytes, from, to);
    if (Number.isInteger(id) && id >= INT32_MIN && id <= INT32_MAX) {
      ids[n] = id;
      lines[n++] = line + 1;
    } else {
      const text = from > end ? "(none)" : JSON.stringify(new TextDecoder().decode(bytes.subarray(from, Math.min(to, from + 40))));
      issues.add(source, `line ${line + 1}: EventId ${text} is not a whole number that fits 32 bits`);
    }
    start = next;
  }
  return { ids: ids.slice(0, n), lines: lines.slice(0, n) };
}
