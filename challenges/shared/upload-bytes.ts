/**
 * An organiser's upload file read whole or as text lines, for parsers that need the bytes (a file published as
 * it came) or lines (the LHCO reader). Gzip is inflated and the size limit applied by scoring/parsing/byte-source.ts; a
 * byte-level failure (a corrupt gzip stream, a file over the limit) becomes a problem of the named file.
 */
import { ByteSourceError, readByteChunks, type ByteSource } from "../../scoring/parsing/byte-source";
import { UploadError } from "../kind";

async function* chunksOf(src: ByteSource, file: string, maxBytes: number): AsyncGenerator<Uint8Array> {
  try {
    yield* readByteChunks(src, maxBytes);
  } catch (err) {
    if (err instanceof ByteSourceError) throw new UploadError([{ file, line: null, message: err.message }]);
    throw err;
  }
}

/** The whole (decompressed) file. */
export async function uploadBytes(src: ByteSource, file: string, maxBytes: number): Promise<Uint8Array> {
  if (src instanceof Uint8Array && src.byteLength <= maxBytes && !(src[0] === 0x1f && src[1] === 0x8b)) return src;
  const parts: Uint8Array[] = [];
  let total = 0;
  // Chunks may share one reused buffer (byte-source.ts): each is copied.
  for await (const chunk of chunksOf(src, file, maxBytes)) {
    parts.push(chunk.slice());
    total += chunk.byteLength;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** The file's UTF-8 text in chunks, a character never cut between two. */
export async function* uploadText(src: ByteSource, file: string, maxBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  for await (const chunk of chunksOf(src, file, maxBytes)) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest !== "") yield rest;
}

/** The named file of an upload: an edge that forgot one gets the organiser's message, not a crash in a parser. */
export function requiredFile(files: Readonly<Record<string, ByteSource>>, name: string): ByteSource {
  const src = files[name];
  if (src === undefined) throw new UploadError([{ file: name, line: null, message: "attach this file" }]);
  return src;
}
