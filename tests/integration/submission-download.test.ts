/** A team downloads its own submissions back; nobody else can (404, as if absent), anonymous callers get 401. */
import { gzipSync } from "node:zlib";
import type PgBoss from "pg-boss";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";

vi.mock("@/auth", () => ({ auth: async () => null }));

import * as subs from "@/app/api/v1/challenges/[slug]/submissions/route";
import * as fileRoute from "@/app/api/v1/challenges/[slug]/submissions/[id]/file/route";
import { createApiToken } from "@/db/queries/api-tokens";
import { createUser } from "@/db/queries/users";
import { setBoss } from "@/lib/jobs/shared-queue";
import { describeEachDatabase } from "./databases";
import { goodCsv, makeHiggsChallenge } from "./queue-fixtures";

const DB_KEY = Symbol.for("collider-arena.db");
beforeAll(() => setBoss({ send: async () => "job" } as unknown as PgBoss));

const req = (p: string, token?: string, init: RequestInit = {}) =>
  new Request(`http://localhost/api/v1${p}`, {
    ...init,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) },
  });
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });

describeEachDatabase("downloading a submission back", (get) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
  });

  it("gives the team its file as submitted (gzip upload included), and refuses everyone else", async () => {
    const { db } = get();
    const { challenge, ids } = await makeHiggsChallenge(db);
    const tokenOf = async (name: string) =>
      (await createApiToken(db, (await createUser(db, { email: `${name}-${Date.now()}@example.org`, name })).id, "t")).token;
    const [alice, bob] = [await tokenOf("alice"), await tokenOf("bob")];
    const csv = goodCsv(ids);
    const posted = await subs.POST(
      req(`/challenges/${challenge.slug}/submissions`, alice, {
        method: "POST",
        body: gzipSync(csv),
        headers: { "X-Filename": "mine.csv.gz", "Content-Type": "application/gzip" },
      }),
      ctx({ slug: challenge.slug }),
    );
    expect(posted.status).toBe(201);
    const { submission } = (await posted.json()) as { submission: { id: number } };
    const get_ = (token?: string, id = String(submission.id)) =>
      fileRoute.GET(req(`/challenges/${challenge.slug}/submissions/${id}/file`, token), ctx({ slug: challenge.slug, id }));

    const res = await get_(alice);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="mine.csv"');
    expect(await res.text()).toBe(csv);

    expect((await get_(bob)).status).toBe(404);
    expect((await get_(undefined)).status).toBe(401);
    expect((await get_(alice, "999999")).status).toBe(404);
  });
});
