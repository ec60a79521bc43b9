/**
 * Byte input for every parser: a whole buffer, an async iterable of chunks (Node streams, generators)
 * or a web ReadableStream. Gzip is recognised by its magic bytes and inflated with the web-standard
 * DecompressionStream, so this library never needs node:zlib.
 *
 * A chunk's bytes are read only until the next chunk is asked for (whatever must outlive that is copied), so a
 * producer may read every chunk into one reused buffer: fresh memory for every chunk costs page faults.
 */
export type ByteSource = Uint8Array | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

/** A byte-level failure (size limit, corrupt gzip); the CSV reader turns it into a format problem. */
export class ByteSourceError extends Error {
  override readonly name = "ByteSourceError";
}

function describeBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

async function* fromReadableStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) {
        done = true;
        return;
      }
      yield r.value;
    }
  } finally {
    // Stopping early (limit, bad header) must release the producer instead of draining it.
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function rawChunks(src: ByteSource): AsyncIterable<Uint8Array> {
  if (src instanceof Uint8Array) {
    return (async function* () {
      yield src;
    })();
  }
  if (typeof (src as ReadableStream<Uint8Array>).getReader === "function") {
    return fromReadableStream(src as ReadableStream<Uint8Array>);
  }
  return src as AsyncIterable<Uint8Array>;
}

/**
 * The same bytes as a plain Uint8Array (a view, no copy). Node streams yield Buffers, a subclass with a map of its
 * own, while the CSV reader makes plain Uint8Arrays where a record crosses a chunk boundary: given both, V8's
 * optimised parsers meet a second map and deoptimise. Also, a Buffer's slice() is a view, where the reader needs
 * Uint8Array's copy to keep a cut record past the chunk.
 */
function plainBytes(chunk: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(chunk) === Uint8Array.prototype ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Yields chunks (as plain Uint8Arrays) while counting them; throws (which closes the upstream iterator) once `limit` is passed. */
async function* limited(chunks: AsyncIterable<Uint8Array>, limit: number, what: string): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > limit) throw new ByteSourceError(`the ${what} is larger than the limit of ${describeBytes(limit)}`);
    yield plainBytes(chunk);
  }
}

/**
 * Bridges an async iterator into a pull-based ReadableStream, so upstream is read only as fast as inflation needs.
 * Each chunk is copied: the inflater may still hold it when the next one is pulled (compressed bytes are few).
 */
function toPullStream(it: AsyncIterator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const r = await it.next();
      if (r.done) controller.close();
      else controller.enqueue(r.value.slice());
    },
    async cancel() {
      await it.return?.();
    },
  });
}

async function* inflate(compressed: AsyncIterator<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  const inflated = toPullStream(compressed).pipeThrough(
    new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
  );
  try {
    yield* limited(fromReadableStream(inflated), maxBytes, "decompressed file");
  } catch (e) {
    if (e instanceof ByteSourceError) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw new ByteSourceError(`the gzip data is truncated or corrupt (${detail})`);
  }
}

function startsWithGzipMagic(head: readonly Uint8Array[]): boolean {
  const lead: number[] = [];
  for (const chunk of head) for (let i = 0; i < chunk.length && lead.length < 2; i++) lead.push(chunk[i]!);
  return lead[0] === 0x1f && lead[1] === 0x8b;
}

/**
 * Chunks of the (decompressed) file. `maxBytes` applies both to the bytes read and to the bytes inflated;
 * passing it stops reading at once, leaving the rest of the source unread.
 */
export async function* readByteChunks(src: ByteSource, maxBytes = DEFAULT_MAX_BYTES): AsyncGenerator<Uint8Array> {
  const it = limited(rawChunks(src), maxBytes, "file")[Symbol.asyncIterator]();
  // Peek until two bytes are known: a stream may start with an empty or 1-byte chunk.
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < 2) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    headBytes += r.value.length;
    // A chunk held while the next is read must be a copy (see the top of this file).
    head.push(headBytes < 2 ? r.value.slice() : r.value);
  }
  const isGzip = startsWithGzipMagic(head);
  const rest: AsyncIterator<Uint8Array> = {
    next: async () => {
      const chunk = head.shift();
      if (chunk !== undefined) return { done: false, value: chunk };
      return ended ? { done: true, value: undefined } : it.next();
    },
    return: async () => {
      await it.return?.(undefined);
      return { done: true, value: undefined };
    },
  };
  if (isGzip) {
    yield* inflate(rest, maxBytes);
    return;
  }
  try {
    for (;;) {
      const r = await rest.next();
      if (r.done) return;
      yield r.value;
    }
  } finally {
    await rest.return?.(undefined);
  }
}
