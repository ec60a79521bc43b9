import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { fieldText, readCsvRecords } from "@/scoring/parsing/csv-reader";
import { ProblemCollector, SubmissionFormatError } from "@/scoring/parsing/errors";
import { chunked, encode, webStream } from "./helpers";
import type { ByteSource } from "@/scoring/parsing/byte-source";

async function records(src: ByteSource): Promise<{ line: number; fields: string[] }[]> {
  const out: { line: number; fields: string[] }[] = [];
  await readCsvRecords(src, new ProblemCollector(SubmissionFormatError), (rec) => {
    out.push({ line: rec.line, fields: Array.from({ length: rec.count }, (_, k) => fieldText(rec, k)) });
  });
  return out;
}

const TEXT = '\uFEFFa,"b ""q"", c",d\r\n1,,"multi\nline"\r\n\r\n"x",y,z';
const EXPECTED = [
  { line: 1, fields: ["a", 'b "q", c', "d"] },
  { line: 2, fields: ["1", "", "multi\nline"] },
  { line: 5, fields: ["x", "y", "z"] },
];

describe("readCsvRecords", () => {
  it("handles BOM, CRLF, quotes, escaped quotes, quoted newlines, blank lines and a missing final newline", async () => {
    expect(await records(encode(TEXT))).toEqual(EXPECTED);
  });

  it("gives the same records whatever the chunking, stream type or compression", async () => {
    const bytes = encode(TEXT);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      expect(await records(chunked(bytes, size))).toEqual(EXPECTED);
      expect(await records(webStream(bytes, size))).toEqual(EXPECTED);
      expect(await records(chunked(new Uint8Array(gzipSync(bytes)), size))).toEqual(EXPECTED);
    }
  });

  it("decodes UTF-8 fields", async () => {
    expect(await records(encode("id\névénement-1\n"))).toEqual([
      { line: 1, fields: ["id"] },
      { line: 2, fields: ["événement-1"] },
    ]);
  });

  it("flags text after a closing quote as a malformed record", async () => {
    const malformed: (string | null)[] = [];
    await readCsvRecords(encode('a,"b"c,d\n'), new ProblemCollector(SubmissionFormatError), (rec) => malformed.push(rec.malformed));
    expect(malformed).toEqual(["unexpected text after a closing quote"]);
  });

  it("treats control bytes as binary data and stops", async () => {
    const seen: number[] = [];
    const run = readCsvRecords(encode("a,b\n1,2\n3,\u0000\n"), new ProblemCollector(SubmissionFormatError), (rec) => seen.push(rec.line));
    await expect(run).rejects.toThrow(/line 3: binary data \(control byte 0x00\)/);
  });

  it("returns 0 records for an empty source", async () => {
    expect(await readCsvRecords(new Uint8Array(0), new ProblemCollector(SubmissionFormatError), () => undefined)).toBe(0);
  });
});
