import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLeaderboardPath, microCache } from "@/lib/micro-cache";

let calls = 0;
let server: Server;
let base = "";

beforeAll(async () => {
  const handler = microCache(
    (req, res) => {
      calls++;
      const path = req.url ?? "/";
      // A slow render, so concurrent misses overlap; streamed in two writes like React's HTML.
      setTimeout(() => {
        if (path.includes("fail")) return void res.writeHead(500).end("boom");
        if (path.includes("cookie")) res.setHeader("set-cookie", "a=b");
        res.writeHead(200, { "content-type": "text/plain" });
        res.write(`render ${calls} `);
        res.end(path);
      }, 30);
    },
    { ttlMs: 300, match: (p) => p.startsWith("/board") },
  );
  server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(base + path, { headers });
  return {
    status: res.status,
    body: await res.text(),
    hit: res.headers.get("x-micro-cache") === "hit",
    type: res.headers.get("content-type"),
  };
};

describe("microCache", () => {
  it("renders an anonymous page once for many concurrent and later readers, within the TTL", async () => {
    calls = 0;
    const first = await Promise.all(Array.from({ length: 10 }, () => get("/board?page=1")));
    expect(calls).toBe(1);
    expect(new Set(first.map((r) => r.body))).toEqual(new Set(["render 1 /board?page=1"]));
    const again = await get("/board?page=1");
    expect(again).toMatchObject({ status: 200, body: "render 1 /board?page=1", hit: true, type: "text/plain" });
    expect((await get("/board?page=2")).body).toBe("render 2 /board?page=2"); // the query is part of the key
    await new Promise((r) => setTimeout(r, 350));
    expect((await get("/board?page=1")).body).toBe("render 3 /board?page=1");
  });

  it("never shares a signed-in visitor's, an API token's, an error or a cookie-setting response", async () => {
    calls = 0;
    await get("/board/x", { cookie: "authjs.session-token=abc" });
    await get("/board/x", { cookie: "theme=dark; __Secure-authjs.session-token=abc" });
    await get("/board/x", { authorization: "Bearer ca_x" });
    expect(calls).toBe(3);
    calls = 0;
    expect((await get("/board/fail")).status).toBe(500);
    expect((await get("/board/fail")).status).toBe(500);
    await get("/board/cookie");
    await get("/board/cookie");
    await get("/other");
    await get("/other");
    expect(calls).toBe(6);
  });

  it("with a version tag: shares one cookie-free render with signed-in page loads, re-rendering when the version moves", async () => {
    let version: string | null = "v1";
    let cookies: (string | undefined)[] = [];
    let shared = 0;
    const tagged = createServer(
      microCache(
        (req, res) => {
          shared++;
          cookies.push(req.headers.cookie);
          setTimeout(() => res.writeHead(200, { "content-type": "text/plain" }).end(`render ${shared} ${version}`), 20);
        },
        { ttlMs: 60_000, match: (p) => p.startsWith("/board"), share: async (p) => (p === "/board/private" ? null : version) },
      ),
    );
    await new Promise<void>((r) => tagged.listen(0, "127.0.0.1", r));
    const at = `http://127.0.0.1:${(tagged.address() as AddressInfo).port}`;
    const load = async (path: string, headers: Record<string, string> = {}) => (await fetch(at + path, { headers })).text();
    const session = { cookie: "authjs.session-token=abc; theme=dark" };
    try {
      const first = await Promise.all([load("/board"), ...Array.from({ length: 5 }, () => load("/board", session))]);
      expect(new Set(first)).toEqual(new Set(["render 1 v1"]));
      // The one render ran without the reader's cookie: what they get is what anyone gets.
      expect(cookies).toEqual([undefined]);
      expect(await load("/board", session)).toBe("render 1 v1");
      version = "v2"; // a new score: the next reader gets a fresh render, long before the TTL
      expect(await load("/board", session)).toBe("render 2 v2");
      expect(await load("/board")).toBe("render 2 v2");
      // Not shared: a private class's board for a signed-in reader (rendered with their cookie), an API token, and a
      // signed-in navigation inside the app (a React Server Components request).
      cookies = [];
      await load("/board/private", session);
      await load("/board/private", session);
      await load("/board", { ...session, rsc: "1" });
      await load("/board", { authorization: "Bearer ca_x" });
      expect(cookies).toEqual([session.cookie, session.cookie, session.cookie, undefined]);
      expect(shared).toBe(6);
    } finally {
      await new Promise<void>((r) => tagged.close(() => r()));
    }
  });

  it("matches the leaderboard page and JSON paths only", () => {
    expect(isLeaderboardPath("/challenges/higgs-boson/leaderboard")).toBe(true);
    expect(isLeaderboardPath("/api/v1/challenges/higgs-boson/leaderboard")).toBe(true);
    expect(isLeaderboardPath("/challenges/higgs-boson/leaderboard/csv")).toBe(false);
    expect(isLeaderboardPath("/challenges/higgs-boson/submit")).toBe(false);
  });
});
