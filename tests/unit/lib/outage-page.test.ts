import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { microCache } from "@/lib/micro-cache";
import { databaseProbe, withOutagePage } from "@/lib/outage-page";

let down = true;
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer(
    withOutagePage(
      (req, res) => {
        const url = req.url ?? "/";
        // Next.js answers a failed render either with writeHead(500) or by setting the status before writing.
        if (url === "/page-ok") return void res.writeHead(200, { "content-type": "text/html" }).end("<p>board</p>");
        if (url === "/implicit") {
          res.statusCode = 500;
          res.setHeader("content-length", "13");
          return void res.end("Server error!");
        }
        res.writeHead(500, { "content-type": "text/html" });
        res.write("Internal ");
        res.end("Server Error");
      },
      { databaseDown: async () => down, siteName: "Collider Arena" },
    ),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const get = async (path: string) => {
  const res = await fetch(base + path);
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.text() };
};

describe("withOutagePage", () => {
  it("turns a page's 500 into a 503 that says the database is unreachable and retries, while it is", async () => {
    down = true;
    for (const path of ["/challenges/higgs-boson", "/implicit"]) {
      const r = await get(path);
      expect(r.status, path).toBe(503);
      expect(r.retryAfter).toBe("5");
      expect(r.body).toContain("The database is unreachable");
      expect(r.body).toContain('http-equiv="refresh" content="5"');
    }
  });

  it("passes every other answer through unchanged", async () => {
    down = true;
    expect(await get("/page-ok")).toMatchObject({ status: 200, body: "<p>board</p>" });
    // API routes answer their own 503 in the API's error shape; this leaves them alone.
    expect(await get("/api/v1/anything")).toMatchObject({ status: 500, body: "Internal Server Error" });
    // A 500 with the database up is a real bug, shown as it is.
    down = false;
    expect(await get("/challenges/higgs-boson")).toMatchObject({ status: 500, body: "Internal Server Error", retryAfter: null });
    expect(await get("/implicit")).toMatchObject({ status: 500, body: "Server error!" });
  });
});

describe("withOutagePage around the micro-cache (as scripts/start.ts runs them)", () => {
  it("leaves a streamed page whole, for its reader and for the cache's later readers", async () => {
    const chunks = Array.from({ length: 20 }, (_, i) => `<p>row ${i}</p>`);
    const nested = createServer(
      withOutagePage(
        microCache(
          (_req, res) => {
            res.setHeader("content-type", "text/html");
            // Streamed as React does: status set, then many writes.
            let i = 0;
            const next = () => (i < chunks.length ? (res.write(chunks[i++]), setImmediate(next)) : res.end());
            next();
          },
          { ttlMs: 60_000, match: () => true },
        ),
        { databaseDown: async () => true, siteName: "Collider Arena" },
      ),
    );
    await new Promise<void>((r) => nested.listen(0, "127.0.0.1", r));
    const at = `http://127.0.0.1:${(nested.address() as AddressInfo).port}/board`;
    try {
      const bodies = await Promise.all(Array.from({ length: 5 }, async () => (await fetch(at)).text()));
      bodies.push(await (await fetch(at)).text());
      expect(bodies).toEqual(Array.from({ length: 6 }, () => chunks.join("")));
    } finally {
      await new Promise<void>((r) => nested.close(() => r()));
    }
  });
});

describe("databaseProbe", () => {
  it("calls the database down when the ping fails as unreachable or does not answer in time, and up otherwise", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(await databaseProbe(async () => Promise.reject(refused))()).toBe(true);
    expect(await databaseProbe(() => new Promise(() => undefined), 50)()).toBe(true);
    expect(await databaseProbe(async () => [{ "?column?": 1 }])()).toBe(false);
    // Another failure (a bug, not an outage) is not an outage.
    expect(await databaseProbe(async () => Promise.reject(new Error("syntax error")))()).toBe(false);
  });
});
