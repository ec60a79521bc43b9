/**
 * Writes a bundle's zip with node's native zlib instead of fflate's JavaScript deflate, which would compress a full
 * challenge's CSV on the server's event loop and block it all that time. Better still, a dataset
 * file is stored gzip-compressed, and a gzip member is a raw deflate stream between a header and a trailer: that
 * stream is a valid zip entry as it is. It is reused after inflating it once to check it against the stored
 * SHA-256 (so an export never ships a damaged file), and recompressed only when it does not check out.
 *
 * Example: gzip bytes 1f 8b 08 00 … (10-byte header) <deflate stream> <crc32 LE> <size LE> become the zip entry
 * data/test.csv with method 8 (deflate), that CRC and that size, and the deflate stream as its data.
 */
import { promisify } from "node:util";
import { crc32, deflateRaw as deflateRawCb, gunzip as gunzipCb, inflateRaw as inflateRawCb } from "node:zlib";
import { Zip, type ZipInputFile } from "fflate";
import { sha256Hex } from "./text-file";

const deflateRaw = promisify(deflateRawCb);
const inflateRaw = promisify(inflateRawCb);
const gunzip = promisify(gunzipCb);

const DEFLATE = 8;

export interface DeflatedEntry {
  name: string;
  /** Raw deflate stream of the content. */
  data: Uint8Array;
  /** Uncompressed size and CRC-32, as the zip directory records them. */
  size: number;
  crc: number;
}

export async function deflatedEntry(name: string, content: Uint8Array): Promise<DeflatedEntry> {
  return { name, data: await deflateRaw(content, { level: 6 }), size: content.byteLength, crc: crc32(content) };
}

/** The deflate stream inside a single-member gzip file: after its header (RFC 1952 §2.3), before its 8-byte trailer. */
function gzipBody(gz: Uint8Array): Uint8Array | null {
  if (gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== DEFLATE) return null;
  const flags = gz[3]!;
  let at = 10;
  if (flags & 4) at += 2 + (gz[at]! | (gz[at + 1]! << 8)); // FEXTRA
  if (flags & 8) at = gz.indexOf(0, at) + 1; // FNAME, zero-terminated
  if (flags & 16) at = gz.indexOf(0, at) + 1; // FCOMMENT
  if (flags & 2) at += 2; // FHCRC
  return at > 0 && at <= gz.length - 8 ? gz.subarray(at, gz.length - 8) : null;
}

/** A stored gzip file as a zip entry, reusing its deflate stream when it inflates to content with the stored SHA-256. */
export async function entryFromGzip(name: string, gz: Uint8Array, sha256: string): Promise<DeflatedEntry> {
  const body = gzipBody(gz);
  const reused = body && (await inflateRaw(body).catch(() => null));
  if (body && reused && sha256Hex(reused) === sha256) return { name, data: body, size: reused.byteLength, crc: crc32(reused) };
  // Another layout (several gzip members, say): decompress in full and deflate again.
  const content = await gunzip(gz);
  if (sha256Hex(content) !== sha256) throw new Error(`the stored file ${name} does not match its SHA-256 ${sha256}`);
  return deflatedEntry(name, content);
}

/** The zip of already deflated entries; `mtime` on every entry (a fixed one makes the bytes reproducible). */
export function zipDeflated(entries: readonly DeflatedEntry[], mtime: Date): Uint8Array {
  const parts: Uint8Array[] = [];
  let failure: Error | null = null;
  // fflate's Zip only frames the entries here: each entry's data is handed over already compressed.
  const zip = new Zip((err, chunk) => (err ? (failure = err) : parts.push(chunk)));
  for (const e of entries) {
    const file: ZipInputFile = { filename: e.name, size: e.size, crc: e.crc, compression: DEFLATE, mtime };
    zip.add(file);
    // fflate's types ask for an ArrayBuffer-backed array; it only reads the bytes.
    file.ondata!(null, e.data as Uint8Array<ArrayBuffer>, true);
  }
  zip.end();
  if (failure) throw failure;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.byteLength), 0);
  return out;
}
