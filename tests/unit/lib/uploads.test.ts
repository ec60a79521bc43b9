import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import { prepareUpload, readBodyLimited } from "@/lib/uploads";

const MB = 1024 * 1024;
const good = Buffer.from("EventId,RankOrder,Class\n1,2,s\n2,1,b\n");

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe("prepareUpload", () => {
  it("stores plain and gzip uploads alike: gzip-compressed, hashed on the CSV text", async () => {
    const plain = await prepareUpload(good, "higgs", MB);
    const zipped = await prepareUpload(gzipSync(good), "higgs", MB);
    expect(gunzipSync(plain.gzipContent)).toEqual(good);
    expect(gunzipSync(zipped.gzipContent)).toEqual(good);
    expect(plain.sha256).toBe(zipped.sha256);
    expect(plain.sizeBytes).toBe(good.byteLength);
  });

  it("rejects a wrong header at once, naming the columns and line 1", async () => {
    const err = await rejection(prepareUpload(Buffer.from("Id,Rank,Class\n1,1,s\n"), "higgs", MB));
    expect(err.status).toBe(400);
    expect(err.line).toBe(1);
    expect(err.message).toMatch(/unexpected column "Id"/);
    expect(err.message).toMatch(/missing column "EventId"/);
  });

  it("checks the header of the scores format too", async () => {
    await expect(prepareUpload(Buffer.from("EventId,score\n1,0.5\n"), "scores", MB)).resolves.toBeDefined();
    expect((await rejection(prepareUpload(good, "scores", MB))).message).toMatch(/missing column "score"/);
  });

  it("rejects empty, header-only, short-row and corrupt-gzip files with a reason", async () => {
    expect((await rejection(prepareUpload(new Uint8Array(0), "higgs", MB))).code).toBe("empty_file");
    expect((await rejection(prepareUpload(Buffer.from("EventId,RankOrder,Class\n"), "higgs", MB))).message).toMatch(/header but no rows/);
    const short = await rejection(prepareUpload(Buffer.from("EventId,RankOrder,Class\n1,1\n"), "higgs", MB));
    expect(short.message).toMatch(/line 2: expected 3 fields, found 2/);
    const truncated = gzipSync(good).subarray(0, 20);
    expect((await rejection(prepareUpload(truncated, "higgs", MB))).code).toBe("bad_gzip");
  });

  it("refuses a gzip bomb beyond the decompressed limit", async () => {
    const bomb = gzipSync(Buffer.concat([good, Buffer.alloc(20 * MB, 0x30)]));
    expect((await rejection(prepareUpload(bomb, "higgs", MB))).status).toBe(413);
  });
});

describe("readBodyLimited", () => {
  it("stops reading at the limit without consuming the rest", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 1000) controller.close();
        else controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const err = await rejection(readBodyLimited(body, MB));
    expect(err.status).toBe(413);
    expect(pulled).toBeLessThan(40);
  });

  it("returns the whole body under the limit", async () => {
    const body = new Response(good).body;
    expect(Buffer.from(await readBodyLimited(body, MB))).toEqual(good);
  });
});
