/** Characters per yielded chunk: large enough to amortise the consumer's work, small enough to stay cheap in memory. */
export const CHUNK_CHARS = 64 * 1024;

/**
 * A CSV file as text chunks of about CHUNK_CHARS, so a generated file never sits whole in memory as one string.
 * Example: chunked("a,b", 2, (i) => `${i},${i * i}`) yields "a,b\n0,0\n1,1\n".
 */
export function* chunked(header: string, n: number, row: (i: number) => string): Generator<string> {
  let buffer = `${header}\n`;
  for (let i = 0; i < n; i++) {
    buffer += `${row(i)}\n`;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer.length > 0) yield buffer;
}
