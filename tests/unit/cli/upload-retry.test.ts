import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ApiClient, type RetryPolicy } from "@/cli/client";
import { EXIT } from "@/cli/errors";

type Seen = { key: string | undefined; body: string };

/** A stand-in API: `answers` says what each successive upload gets (a status, or "drop" to cut the connection). */
async function fakeApi(answers: (number | "drop")[]) {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ key: req.headers["idempotency-key"] as string | undefined, body: Buffer.concat(chunks).toString() });
      const answer = answers[seen.length - 1] ?? 201;
      if (answer === "drop") return void req.socket.destroy();
      const body =
        answer === 201
          ? { submission: { id: 7, status: "queued" } }
          : { error: { code: answer === 503 ? "unavailable" : "bad_file", message: `answer ${answer}` } };
      res
        .writeHead(answer, { "Content-Type": "application/json", ...(answer === 503 ? { "Retry-After": "0" } : {}) })
        .end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

const file = () => {
  const f = path.join(mkdtempSync(path.join(os.tmpdir(), "ca-up-")), "p.csv");
  writeFileSync(f, "EventId,RankOrder,Class\n1,1,s\n");
  return f;
};
const FAST: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 };

describe("the CLI's upload", () => {
  it("repeats the whole file after a 503 or a dropped connection with one Idempotency-Key, and returns the result", async () => {
    const api = await fakeApi([503, "drop", 201]);
    const retries: string[] = [];
    const result = await new ApiClient(api.url, "ca_t").upload("/x", file(), "", () => undefined, {
      ...FAST,
      onRetry: (why) => retries.push(why),
    });
    expect(result).toEqual({ submission: { id: 7, status: "queued" } });
    expect(api.seen).toHaveLength(3);
    expect(new Set(api.seen.map((s) => s.key)).size).toBe(1);
    expect(api.seen[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(api.seen.every((s) => s.body === "EventId,RankOrder,Class\n1,1,s\n")).toBe(true);
    expect(retries[0]).toBe("the server answered 503");
    expect(retries[1]).toMatch(/^Cannot reach|^Lost the answer/);
  });

  it("sends a new key per upload, gives up after its attempts with the network exit code, and never repeats a 400", async () => {
    const down = await fakeApi([503, 503, 503, 503, 503]);
    const client = new ApiClient(down.url, "ca_t");
    await expect(client.upload("/x", file(), "", () => undefined, FAST)).rejects.toMatchObject({
      exitCode: EXIT.network,
      message: "answer 503",
    });
    expect(down.seen).toHaveLength(FAST.attempts);
    await client.upload("/x", file(), "", () => undefined, FAST).catch(() => undefined);
    expect(down.seen[FAST.attempts]!.key).not.toBe(down.seen[0]!.key);

    const bad = await fakeApi([400]);
    await expect(new ApiClient(bad.url, "ca_t").upload("/x", file(), "", () => undefined, FAST)).rejects.toMatchObject({
      exitCode: EXIT.badFile,
    });
    expect(bad.seen).toHaveLength(1);
  });
});
