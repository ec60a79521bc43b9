/**
 * Checks on a bundle's data files, read straight from their bytes: a full Higgs test.csv is ~100 MB, too big to
 * hold as a string just to count its lines. (The test file's ids are read by challenges/shared/answer-key-ids.ts.)
 *
 * Example: the bytes of "EventId,x\n7,0.5\n9,1.5\n" have 3 lines (2 data rows below the header).
 */
import { createHash } from "node:crypto";

const NL = 0x0a;

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
