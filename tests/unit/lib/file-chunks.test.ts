import { mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileChunks } from "@/lib/file-chunks";

const dir = mkdtempSync(path.join(tmpdir(), "file-chunks-"));
const file = path.join(dir, "data.bin");
const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) % 251);
writeFileSync(file, bytes);

/** Where an fd points, or "" once it has gone (listing /proc/self/fd opens one of its own). */
function readlinkOr(link: string): string {
  try {
    return readlinkSync(link);
  } catch {
    return "";
  }
}

describe("fileChunks", () => {
  it("yields the whole file, in order, through two reused buffers", async () => {
    const copies: Uint8Array[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for await (const chunk of fileChunks(file, 4096)) {
      copies.push(chunk.slice());
      buffers.add(chunk.buffer);
    }
    expect(copies.map((c) => c.length)).toEqual([4096, 4096, 1808]);
    expect(Buffer.concat(copies)).toEqual(readFileSync(file));
    expect(buffers.size).toBe(2);
  });

  it("hands a finished reader's buffers to the next, never to two readers at once", async () => {
    const buffersOf = async (chunks: AsyncGenerator<Uint8Array>) => {
      const seen = new Set<ArrayBufferLike>();
      for await (const chunk of chunks) seen.add(chunk.buffer);
      return seen;
    };
    const first = await buffersOf(fileChunks(file, 4096));
    const second = await buffersOf(fileChunks(file, 4096));
    expect([...second]).toEqual(expect.arrayContaining([...first]));
    // Two readers in step, one chunk each in turn: each gets the file, whole and in order, in buffers of its own.
    const a = fileChunks(file, 4096);
    const b = fileChunks(file, 4096);
    const copies: Uint8Array[][] = [[], []];
    const buffers = [new Set<ArrayBufferLike>(), new Set<ArrayBufferLike>()];
    for (;;) {
      const [ra, rb] = [await a.next(), await b.next()];
      if (ra.done || rb.done) break;
      for (const [i, chunk] of [ra.value, rb.value].entries()) {
        copies[i]!.push(chunk.slice());
        buffers[i]!.add(chunk.buffer);
      }
    }
    for (const c of copies) expect(Buffer.concat(c)).toEqual(readFileSync(file));
    expect([...buffers[0]!].filter((x) => buffers[1]!.has(x))).toEqual([]);
  });

  it("stops early without error, the read it had started ended and the file closed", async () => {
    const openFiles = () => readdirSync("/proc/self/fd").filter((fd) => readlinkOr(`/proc/self/fd/${fd}`) === file).length;
    for await (const chunk of fileChunks(file, 4096)) {
      expect(chunk[1]).toBe(7);
      expect(openFiles()).toBe(1);
      break;
    }
    expect(openFiles()).toBe(0);
  });

  it("yields nothing for an empty file and rejects a missing one", async () => {
    const empty = path.join(dir, "empty.bin");
    writeFileSync(empty, "");
    const chunks: Uint8Array[] = [];
    for await (const chunk of fileChunks(empty)) chunks.push(chunk);
    expect(chunks).toEqual([]);
    await expect(fileChunks(path.join(dir, "missing.bin")).next()).rejects.toMatchObject({ code: "ENOENT" });
  });
});
