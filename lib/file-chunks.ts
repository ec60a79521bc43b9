import { open } from "node:fs/promises";
import { ArrayPool } from "@/scoring/parsing/array-pool";

/** Buffers of finished reads, lent to the next (the pool keeps a few, so a burst of readers pins little memory). */
const spare = new ArrayPool();

/**
 * A file's bytes as chunks read into two reused buffers, for scoring/'s parsers (which read a chunk only until they
 * ask for the next: see scoring/parsing/byte-source.ts). A read stream allocates a fresh buffer for every chunk instead, and
 * every new page costs a page fault, which for a large submission adds up to more than the parse itself (bench/).
 * Two buffers so that the next chunk is read while the consumer parses this one, kept for the next file once this
 * one is read. Whoever
 * consumes these chunks must copy what it keeps, and must not read them once the iteration has ended.
 */
export async function* fileChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<Uint8Array> {
  const file = await open(path, "r");
  const buffers = [spare.take(Uint8Array, chunkBytes), spare.take(Uint8Array, chunkBytes)];
  let turn = 0;
  let reading = file.read(buffers[0]!, 0, chunkBytes, null);
  try {
    for (;;) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) return;
      const chunk = buffers[turn]!;
      // The consumer is done with the other buffer: it asked for this chunk.
      turn ^= 1;
      reading = file.read(buffers[turn]!, 0, chunkBytes, null);
      yield bytesRead === chunkBytes ? chunk : chunk.subarray(0, bytesRead);
    }
  } finally {
    // A consumer that stops early leaves a read in flight: close() waits for it, and its failure no longer matters
    // (unobserved, it would be an unhandled rejection). Only then are both buffers free.
    void reading.catch(() => undefined);
    await file.close();
    spare.give(...buffers);
  }
}
