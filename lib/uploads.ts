import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { canonicalDesignJson, DesignError, designHash, parseDesign } from "@/challenges/detector-design";
import { CsvFormatError } from "@/scoring/parsing/errors";
import type { SubmissionFormat } from "@/scoring/registry";
import { checkSubmissionHead } from "@/scoring/parsing/submission-header";
import { ApiError } from "./api-error";

/** Decompressed files may be this many times the upload limit (CSV compresses ~4×). */
const MAX_EXPANSION = 8;
const HEAD_BYTES = 256 * 1024;

/** Reads a request body, stopping with 413 as soon as it passes `maxBytes` (the rest is never read). */
export async function readBodyLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array> {
  if (!body) throw new ApiError(400, "empty_file", "The upload is empty: choose a .csv or .csv.gz file.");
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

export function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, "too_large", `The file is larger than the limit of ${Math.round(maxBytes / 1024 / 1024)} MiB.`);
}

export interface PreparedUpload {
  gzipContent: Uint8Array;
  /** Size of the CSV text, decompressed. */
  sizeBytes: number;
  /** Of the decompressed CSV, so the same predictions compressed or not hash alike. */
  sha256: string;
}

/**
 * Checks an uploaded CSV (plain or gzip) at once — size, compression, header —
 * and returns it gzip-compressed for storage. The scorer validates every row later.
 */
export async function prepareUpload(bytes: Uint8Array, format: SubmissionFormat, maxBytes: number): Promise<PreparedUpload> {
  if (bytes.byteLength === 0) throw new ApiError(400, "empty_file", "The upload is empty: choose a .csv or .csv.gz file.");
  const isGzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  let text: Uint8Array;
  if (isGzip) {
    try {
      text = gunzipSync(bytes, { maxOutputLength: maxBytes * MAX_EXPANSION });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxBytes * MAX_EXPANSION);
      throw new ApiError(400, "bad_gzip", "The file looks gzip-compressed but cannot be decompressed (truncated or corrupt).");
    }
  } else {
    text = bytes;
  }
  const complete = text.byteLength <= HEAD_BYTES;
  const head = text.subarray(0, HEAD_BYTES);
  if (!complete && head.indexOf(0x0a) < 0) {
    throw new ApiError(400, "bad_file", "The first line is longer than 256 KiB: this is not a submission CSV.", 1);
  }
  try {
    await checkSubmissionHead(head, complete, format);
  } catch (err) {
    if (err instanceof CsvFormatError) {
      throw new ApiError(400, "bad_file", err.message, err.problems[0]?.line ?? undefined);
    }
    throw err;
  }
  return {
    gzipContent: isGzip ? bytes : gzipSync(text, { level: 6 }),
    sizeBytes: text.byteLength,
    sha256: createHash("sha256").update(text).digest("hex"),
  };
}

/** A design is a few hundred bytes; this bound only keeps absurd uploads out (10,000 layers still get their own message). */
const MAX_DESIGN_BYTES = 1024 * 1024;

/**
 * Checks a detector design (JSON, or the course's one-row CSV; plain or gzip) completely at upload:
 * it is tiny, so every problem is reported at once and nothing invalid is queued. Stored as its
 * canonical JSON, hashed, so the same design written differently is recognisably the same.
 */
export function prepareDesignUpload(bytes: Uint8Array): PreparedUpload {
  if (bytes.byteLength === 0) throw new ApiError(400, "empty_file", "The upload is empty: enter a design or choose a .json or .csv file.");
  let raw: Uint8Array = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      raw = gunzipSync(bytes, { maxOutputLength: MAX_DESIGN_BYTES });
    } catch {
      throw new ApiError(400, "bad_design", `The file is not a valid gzip file of at most ${MAX_DESIGN_BYTES / 1024 / 1024} MiB.`);
    }
  }
  if (raw.byteLength > MAX_DESIGN_BYTES)
    throw new ApiError(413, "too_large", `A design must be at most ${MAX_DESIGN_BYTES / 1024 / 1024} MiB.`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    throw new ApiError(400, "bad_design", "The design is not UTF-8 text.");
  }
  let canonical: string;
  let hash: string;
  try {
    const design = parseDesign(text);
    canonical = canonicalDesignJson(design) + "\n";
    hash = designHash(design);
  } catch (err) {
    if (err instanceof DesignError) throw new ApiError(400, "bad_design", err.message);
    throw err;
  }
  return { gzipContent: gzipSync(canonical), sizeBytes: Buffer.byteLength(canonical), sha256: hash };
}
