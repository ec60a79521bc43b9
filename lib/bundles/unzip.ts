import { Inflate } from "fflate";
import { BundleError } from "./issues";

/** Compressed bytes handed to the inflater at a time: one step can produce at most ~1,000 times this (4 MiB). */
const STEP = 4 * 1024;
const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  dataAt: number;
}

/** The entries of the central directory (the zip's table of contents, at its end). */
function centralDirectory(zip: Uint8Array): Entry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (u32(zip, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new BundleError(["not a zip archive (no end of central directory record)"]);
  const count = u16(zip, eocd + 10);
  let at = u32(zip, eocd + 16);
  const entries: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > zip.length || u32(zip, at) !== 0x02014b50) throw new BundleError(["not a zip archive (damaged central directory)"]);
    const method = u16(zip, at + 10);
    const compressedSize = u32(zip, at + 20);
    const nameLength = u16(zip, at + 28);
    const local = u32(zip, at + 42);
    if (compressedSize === 0xffffffff || local === 0xffffffff)
      throw new BundleError(["ZIP64 archives are not supported (a bundle is far below 4 GiB)"]);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    if (local + 30 > zip.length || u32(zip, local) !== 0x04034b50)
      throw new BundleError([`not a zip archive (no local header for ${name})`]);
    entries.push({ name, method, compressedSize, dataAt: local + 30 + u16(zip, local + 26) + u16(zip, local + 28) });
    at += 46 + nameLength + u16(zip, at + 30) + u16(zip, at + 32);
  }
  return entries;
}

/**
 * The zip's files by name, inflated step by step with a running total: the size an entry declares is not trusted,
 * and an entry (a zip bomb) is abandoned as soon as the bundle passes `maxBytes` unzipped, never inflated whole.
 */
export function unzipLimited(zip: Uint8Array, maxBytes: number, keep: (name: string) => boolean): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let total = 0;
  const tooBig = () => new BundleError([`the unzipped bundle would exceed ${maxBytes} bytes`]);
  for (const e of centralDirectory(zip)) {
    if (!keep(e.name)) continue;
    const data = zip.subarray(e.dataAt, e.dataAt + e.compressedSize);
    if (e.method === 0) {
      total += data.length;
      if (total > maxBytes) throw tooBig();
      files.set(e.name, data.slice());
      continue;
    }
    if (e.method !== 8) throw new BundleError([`${e.name}: compression method ${e.method} is not supported (use deflate)`]);
    const chunks: Uint8Array[] = [];
    const inflater = new Inflate((chunk) => {
      total += chunk.length;
      if (total > maxBytes) throw tooBig();
      chunks.push(chunk);
    });
    try {
      for (let at = 0; at < data.length; at += STEP) inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length);
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof BundleError) throw err;
      throw new BundleError([`${e.name}: corrupt compressed data (${err instanceof Error ? err.message : String(err)})`]);
    }
    files.set(e.name, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  }
  return files;
}
