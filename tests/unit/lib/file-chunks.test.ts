import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileChunks } from "@/lib/file-chunks";

const dir = mkdtempSync(path.join(tmpdir(), "file-chunks-"));
const file = path.join(dir, "data.bin");
const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) % 251);
writeFileSync(file, bytes);

describe("fileChunks", () => {
  it("yields the whole file, in order, through one reused buffer", async () => {
    const copies: Uint8Array[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for await (const chunk of fileChunks(file, 4096)) {
      copies.push(chunk.slice());
      buffers.add(chunk.buffer);
    }
    expect(copies.map((c) => c.length)).toEqual([4096, 4096, 1808]);
    expect(Buffer.concat(copies)).toEqual(readFileSync(file));
    expect(buffers.size).toBe(1);
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
