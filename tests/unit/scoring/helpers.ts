/** Shared test helpers: fixture loading and byte-source shapes (chunked iterables, web streams). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FIXTURES = fileURLToPath(new URL("../../fixtures/scoring/", import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Yields `bytes` in chunks of `size`, counting how many bytes were actually pulled. */
export function chunked(bytes: Uint8Array, size: number, counter = { pulled: 0 }): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < bytes.length; i += size) {
        const chunk = bytes.subarray(i, i + size);
        counter.pulled += chunk.length;
        yield chunk;
      }
    },
  };
}

/**
 * Yields `bytes` in chunks of `size` read into one reused buffer, as a file reader that spares page faults does, and
 * scribbles over that buffer whenever the next chunk (or the end) is asked for: a consumer that keeps a chunk past
 * that point reads '!' instead of the file. A Node Buffer, whose slice() is a view, not a copy.
 */
export function reusedBuffer(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      const buffer = Buffer.alloc(size);
      for (let i = 0; i < bytes.length; i += size) {
        const chunk = bytes.subarray(i, i + size);
        buffer.set(chunk);
        yield chunk.length === size ? buffer : buffer.subarray(0, chunk.length);
        buffer.fill(0x21);
      }
    },
  };
}

export function webStream(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i >= bytes.length) controller.close();
      else {
        controller.enqueue(bytes.slice(i, i + size));
        i += size;
      }
    },
  });
}
