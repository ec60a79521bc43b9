import { beforeAll, beforeEach, expect, it } from "vitest";
import type PgBoss from "pg-boss";

// A 1 MiB upload limit, set before lib/env first reads it.
process.env.MAX_UPLOAD_MB = "1";

import * as imports from "@/app/api/v1/imports/route";
import * as subs from "@/app/api/v1/challenges/[slug]/submissions/route";
import { createApiToken } from "@/db/queries/api-tokens";
import { createUser } from "@/db/queries/users";
import { users, type Challenge } from "@/db/schema";
import { setBoss } from "@/lib/jobs/shared-queue";
import { eq } from "drizzle-orm";
import { describeEachDatabase } from "./databases";
import { makeHiggsChallenge } from "./queue-fixtures";

const DB_KEY = Symbol.for("collider-arena.db");
const MiB = 1024 * 1024;

/**
 * A multipart body of `totalBytes` made up as it is read, sent chunked (no Content-Length), counting what the server
 * pulled: a server that buffers the whole body before checking pulls all of it.
 */
function hugeMultipart(totalBytes: number, field = "file") {
  const boundary = "----collider-limit-test";
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\nEventId,RankOrder,Class\n`,
  );
  const chunk = new Uint8Array(MiB).fill(0x31);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) {
        sent += head.byteLength;
        return controller.enqueue(head);
      }
      if (sent >= totalBytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { body, boundary, pulled: () => sent };
}

describeEachDatabase("upload size limits", (get) => {
  let challenge: Challenge;
  let token: string;

  beforeAll(async () => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    setBoss({ send: async () => "job" } as unknown as PgBoss);
    const { db } = get();
    ({ challenge } = await makeHiggsChallenge(db));
    const user = await createUser(db, { email: `big-${Date.now()}@example.org`, name: "Big", emailVerified: new Date() });
    await db.update(users).set({ role: "organiser" }).where(eq(users.id, user.id));
    ({ token } = await createApiToken(db, user.id, "big"));
  });
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
  });

  const post = (url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
    new Request(`http://localhost/api/v1${url}`, {
      method: "POST",
      body,
      headers: { Authorization: `Bearer ${token}`, ...headers },
      duplex: "half",
    } as RequestInit);

  it("cuts a chunked 600 MiB multipart submission off at the limit with 413, reading barely past it", async () => {
    const big = hugeMultipart(600 * MiB);
    const rss0 = process.memoryUsage().rss;
    const res = await subs.POST(
      post(`/challenges/${challenge.slug}/submissions`, big.body, { "Content-Type": `multipart/form-data; boundary=${big.boundary}` }),
      {
        params: Promise.resolve({ slug: challenge.slug }),
      },
    );
    const rss1 = process.memoryUsage().rss;
    console.log(
      `chunked 600 MiB multipart submission: ${res.status} after reading ${(big.pulled() / MiB).toFixed(1)} MiB; RSS ${(rss0 / MiB).toFixed(0)} → ${(rss1 / MiB).toFixed(0)} MiB`,
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("too_large");
    expect(big.pulled()).toBeLessThan(3 * MiB);
  });

  it("cuts a chunked 600 MiB multipart import off at the limit with 413", async () => {
    const big = hugeMultipart(600 * MiB, "file");
    const res = await imports.POST(post("/imports", big.body, { "Content-Type": `multipart/form-data; boundary=${big.boundary}` }));
    expect(res.status).toBe(413);
    expect(big.pulled()).toBeLessThan(3 * MiB);
  });

  it("answers 400, not 500, for a malformed %-escape in X-Filename or X-Description", async () => {
    for (const header of ["X-Filename", "X-Description"]) {
      const body = new Blob(["EventId,RankOrder,Class\n"]).stream();
      const res = await subs.POST(
        post(`/challenges/${challenge.slug}/submissions`, body, { "Content-Type": "text/csv", [header]: "100%-sure.csv" }),
        {
          params: Promise.resolve({ slug: challenge.slug }),
        },
      );
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(header.toLowerCase());
    }
  });
});
