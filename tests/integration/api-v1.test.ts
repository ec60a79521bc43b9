import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";

// The API's limits, set before lib/env first reads them.
process.env.MAX_UPLOAD_MB = "0.02";
process.env.API_RATE_LIMIT_PER_MINUTE = "50";

// A browser session is whatever this says; API tokens go through the real lookup.
let sessionUserId: string | undefined;
vi.mock("@/auth", () => ({ auth: async () => (sessionUserId ? { user: { id: sessionUserId } } : null) }));

import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as tokenById from "@/app/api/v1/tokens/[id]/route";
import * as challengeList from "@/app/api/v1/challenges/route";
import * as challengeDetail from "@/app/api/v1/challenges/[slug]/route";
import * as files from "@/app/api/v1/challenges/[slug]/files/[file]/route";
import * as subs from "@/app/api/v1/challenges/[slug]/submissions/route";
import * as subById from "@/app/api/v1/challenges/[slug]/submissions/[id]/route";
import * as finalRoute from "@/app/api/v1/challenges/[slug]/submissions/[id]/final/route";
import * as board from "@/app/api/v1/challenges/[slug]/leaderboard/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import { createApiToken } from "@/db/queries/api-tokens";
import { createUser } from "@/db/queries/users";
import { challenges, participants, phases, submissions, teams, type Challenge } from "@/db/schema";
import { invalidateChallenge } from "@/lib/challenge-access";
import { clearLeaderboardCaches } from "@/lib/leaderboard";
import { setBoss } from "@/lib/jobs/shared-queue";
import { describeEachDatabase } from "./databases";
import { makeScored } from "./fixtures";
import { goodCsv, makeHiggsChallenge } from "./queue-fixtures";

const DB_KEY = Symbol.for("collider-arena.db");
const enqueued: number[] = [];
beforeAll(() => {
  // The routes' queue: records what they enqueue (the queue itself is tested elsewhere).
  setBoss({ send: async (_q: string, data: { submissionId: number }) => (enqueued.push(data.submissionId), "job") } as unknown as PgBoss);
});

type Init = { token?: string; method?: string; body?: BodyInit; headers?: Record<string, string> };
const req = (p: string, init: Init = {}) =>
  new Request(`http://localhost/api/v1${p}`, {
    method: init.method ?? "GET",
    body: init.body,
    // A browser sends its page's origin with every POST; tokens need none.
    headers: { ...(init.token ? { Authorization: `Bearer ${init.token}` } : { Origin: "http://localhost" }), ...init.headers },
  });
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });
async function errorOf(res: Response) {
  return { status: res.status, ...((await res.json()) as { error: { code: string; message: string; line?: number } }).error };
}

describeEachDatabase("the v1 API", (get) => {
  let challenge: Challenge;
  let ids: number[];
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };

  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    sessionUserId = undefined;
    clearLeaderboardCaches();
  });

  beforeAll(async () => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    const { db } = get();
    ({ challenge, ids } = await makeHiggsChallenge(db));
    await db.update(challenges).set({ dailySubmissionLimit: 2 }).where(eq(challenges.id, challenge.id));
    invalidateChallenge(challenge.slug);
    for (const name of ["alice", "bob"]) {
      const user = await createUser(db, { email: `${name}-${Date.now()}-${Math.random()}@example.org`, name });
      const { token } = await createApiToken(db, user.id, "script");
      if (name === "alice") alice = { id: user.id, token };
      else bob = { id: user.id, token };
    }
  });

  it("identifies the caller by token, and refuses missing, malformed, unknown and revoked tokens", async () => {
    expect(await errorOf(await me.GET(req("/me")))).toMatchObject({ status: 401, code: "unauthenticated" });
    expect(await errorOf(await me.GET(req("/me", { headers: { Authorization: "Token abc" } })))).toMatchObject({
      status: 401,
      code: "invalid_token",
    });
    expect(await errorOf(await me.GET(req("/me", { token: "ca_not-a-real-token" })))).toMatchObject({ status: 401, code: "invalid_token" });
    const ok = await me.GET(req("/me", { token: alice.token }));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { user: { id: string; role: string } }).user).toMatchObject({ id: alice.id, role: "competitor" });

    const { db } = get();
    const { token, summary } = await createApiToken(db, alice.id, "temporary");
    expect((await me.GET(req("/me", { token }))).status).toBe(200);
    // A token may revoke itself, not another of the user's tokens.
    expect(
      await errorOf(
        await tokenById.DELETE(req(`/tokens/${summary.id}`, { method: "DELETE", token: alice.token }), ctx({ id: String(summary.id) })),
      ),
    ).toMatchObject({ status: 403, code: "session_required" });
    expect(
      (await tokenById.DELETE(req(`/tokens/${summary.id}`, { method: "DELETE", token }), ctx({ id: String(summary.id) }))).status,
    ).toBe(200);
    expect(await errorOf(await me.GET(req("/me", { token })))).toMatchObject({ status: 401, code: "invalid_token" });
  });

  it("creates and lists tokens from a session only, never showing stored secrets", async () => {
    const post = (name: unknown, token?: string) =>
      tokens.POST(
        req("/tokens", { method: "POST", token, body: JSON.stringify({ name }), headers: { "Content-Type": "application/json" } }),
      );
    expect(await errorOf(await post("x", alice.token))).toMatchObject({ status: 403, code: "session_required" });
    expect(await errorOf(await post("x"))).toMatchObject({ status: 401 });
    sessionUserId = bob.id;
    expect(await errorOf(await post(""))).toMatchObject({ status: 400, code: "bad_request", message: "Give the token a name" });
    const created = await post("laptop");
    expect(created.status).toBe(201);
    const { token, summary } = (await created.json()) as { token: string; summary: { id: number; name: string } };
    expect(token).toMatch(/^ca_[A-Za-z0-9_-]{43}$/);
    const listed = await (await tokens.GET(req("/tokens"))).text();
    expect(listed).toContain('"name":"laptop"');
    expect(listed).not.toContain(token);
    // Someone else's token id is simply not found.
    sessionUserId = alice.id;
    expect(
      await errorOf(await tokenById.DELETE(req(`/tokens/${summary.id}`, { method: "DELETE" }), ctx({ id: String(summary.id) }))),
    ).toMatchObject({ status: 404 });
  });

  it("lists challenges and hides private ones from non-participants", async () => {
    const { db } = get();
    const [secret] = await db
      .insert(challenges)
      .values({
        slug: `secret-${Date.now()}`,
        kind: "higgs-tautau",
        title: "Class",
        metricId: "ams",
        visibility: "private",
        joinCode: `j${Date.now()}`,
      })
      .returning();
    await db
      .insert(phases)
      .values({ challengeId: secret!.id, name: "Main", startsAt: new Date(Date.now() - 1000), endsAt: new Date(Date.now() + 86_400_000) });
    await db.insert(participants).values({ challengeId: secret!.id, userId: bob.id });
    const slugs = async (token?: string) =>
      ((await (await challengeList.GET(req("/challenges", { token }))).json()) as { challenges: { slug: string }[] }).challenges.map(
        (c) => c.slug,
      );
    expect(await slugs()).toContain(challenge.slug);
    expect(await slugs()).not.toContain(secret!.slug);
    expect(await slugs(alice.token)).not.toContain(secret!.slug);
    expect(await slugs(bob.token)).toContain(secret!.slug);
    expect(
      await errorOf(await challengeDetail.GET(req(`/challenges/${secret!.slug}`, { token: alice.token }), ctx({ slug: secret!.slug }))),
    ).toMatchObject({ status: 404 });
    const detail = await challengeDetail.GET(req(`/challenges/${secret!.slug}`, { token: bob.token }), ctx({ slug: secret!.slug }));
    expect(detail.status).toBe(200);
    expect(await detail.text()).not.toContain(secret!.joinCode!);
  });

  it("describes a challenge and serves its files with a checksum of the content", async () => {
    const res = await challengeDetail.GET(req(`/challenges/${challenge.slug}`), ctx({ slug: challenge.slug }));
    const { challenge: c } = (await res.json()) as {
      challenge: { metric: { id: string }; files: { name: string; url: string; sha256: string; rows: number }[]; submissionFormat: string };
    };
    expect(c.metric.id).toBe("ams");
    expect(c.submissionFormat).toBe("higgs");
    const names = c.files.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(["training.csv", "test.csv", "sample_submission.csv"]));
    const test = c.files.find((f) => f.name === "test.csv")!;
    expect(test.url).toBe(`/api/v1/challenges/${challenge.slug}/files/test.csv`);
    const file = await files.GET(req(test.url.slice("/api/v1".length)), ctx({ slug: challenge.slug, file: "test.csv" }));
    expect(file.headers.get("content-type")).toBe("application/gzip");
    const text = gunzipSync(Buffer.from(await file.arrayBuffer()));
    expect(createHash("sha256").update(text).digest("hex")).toBe(test.sha256);
    expect(text.toString().trimEnd().split("\n")).toHaveLength(test.rows + 1);
    expect(await errorOf(await files.GET(req("/x"), ctx({ slug: challenge.slug, file: "solution.csv" })))).toMatchObject({ status: 404 });
  });

  it("takes a submission by token, rejects bad files with the line, enforces size and daily limits", async () => {
    const post = (body: BodyInit, token?: string, filename = "p.csv") =>
      subs.POST(
        req(`/challenges/${challenge.slug}/submissions`, {
          method: "POST",
          token,
          body,
          headers: { "X-Filename": filename, "Content-Type": "text/csv" },
        }),
        ctx({ slug: challenge.slug }),
      );
    expect(await errorOf(await post(goodCsv(ids)))).toMatchObject({ status: 401, code: "unauthenticated" });
    const bad = await errorOf(await post("EventId,Rank,Class\n1,1,s\n", alice.token));
    expect(bad).toMatchObject({ status: 400, code: "bad_file", line: 1 });
    expect(bad.message).toMatch(/RankOrder/);
    expect(await errorOf(await post(Buffer.alloc(30_000, 65), alice.token))).toMatchObject({ status: 413, code: "too_large" });

    const ok = await post(gzipSync(goodCsv(ids)), alice.token, "p.csv.gz");
    expect(ok.status).toBe(201);
    const { submission } = (await ok.json()) as { submission: { id: number; status: string; filename: string } };
    expect(submission).toMatchObject({ status: "queued", filename: "p.csv.gz" });
    expect(ok.headers.get("location")).toBe(`/api/v1/challenges/${challenge.slug}/submissions/${submission.id}`);
    expect(enqueued).toContain(submission.id);
    expect((await post(goodCsv(ids), alice.token)).status).toBe(201);
    expect(await errorOf(await post(goodCsv(ids), alice.token))).toMatchObject({ status: 409, code: "limit_reached" });

    const list = (await (
      await subs.GET(req(`/challenges/${challenge.slug}/submissions`, { token: alice.token }), ctx({ slug: challenge.slug }))
    ).json()) as { submissions: { id: number; queuePosition: number | null }[] };
    expect(list.submissions.map((s) => s.id)).toContain(submission.id);
    expect(list.submissions[0]!.queuePosition).toBeTypeOf("number");
  });

  it("shows a submission to its team only, and its private score only after the reveal", async () => {
    const { db } = get();
    const [team] = await db.select({ id: submissions.teamId }).from(submissions).where(eq(submissions.challengeId, challenge.id)).limit(1);
    const scored = await makeScored(db, { challengeId: challenge.id, teamId: team!.id!, pub: 1.5, priv: 1.25, std: 0.1 });
    const get1 = (token: string) => subById.GET(req("/x", { token }), ctx({ slug: challenge.slug, id: String(scored.id) }));
    expect(await errorOf(await get1(bob.token))).toMatchObject({ status: 404 });
    const before = await (await get1(alice.token)).text();
    expect(JSON.parse(before).submission).toMatchObject({ status: "scored", public: { score: 1.5, std: 0.1 }, private: null });
    expect(before).not.toContain("1.25");

    const sel = (body: unknown, token = alice.token, id = scored.id) =>
      finalRoute.POST(
        req("/x", { method: "POST", token, body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }),
        ctx({ slug: challenge.slug, id: String(id) }),
      );
    expect(await errorOf(await sel({ selected: "yes" }))).toMatchObject({ status: 400 });
    expect(await errorOf(await sel({ selected: true }, bob.token))).toMatchObject({ status: 404 });
    expect((await sel({ selected: true })).status).toBe(200);

    // A reveal recorded while the challenge is still open (possible before a reveal ended the challenge) shows nothing.
    await db.update(challenges).set({ privateRevealedAt: new Date() }).where(eq(challenges.id, challenge.id));
    invalidateChallenge(challenge.slug);
    const early = (await (await get1(alice.token)).json()) as { submission: { private: { score: number } | null } };
    expect(early.submission.private).toBeNull();
    // Once the challenge has ended, the private score is there.
    const [phase] = await db.select().from(phases).where(eq(phases.challengeId, challenge.id));
    await db
      .update(phases)
      .set({ endsAt: new Date(Date.now() - 1) })
      .where(eq(phases.id, phase!.id));
    invalidateChallenge(challenge.slug);
    const after = (await (await get1(alice.token)).json()) as { submission: { private: { score: number } | null } };
    expect(after.submission.private).toEqual({ score: 1.25, std: 0.1 });
    await db.update(phases).set({ endsAt: phase!.endsAt }).where(eq(phases.id, phase!.id));
    await db.update(challenges).set({ privateRevealedAt: null }).where(eq(challenges.id, challenge.id));
    invalidateChallenge(challenge.slug);
  });

  it("serves the leaderboard as JSON and CSV without private scores before the reveal", async () => {
    const json = await board.GET(req(`/challenges/${challenge.slug}/leaderboard?view=private`), ctx({ slug: challenge.slug }));
    const body = (await json.json()) as { view: string; rows: { rank: number; score: number; teamName: string }[] };
    expect(body.view).toBe("public");
    expect(body.rows[0]).toMatchObject({ rank: 1, score: 1.5 });
    expect(JSON.stringify(body)).not.toContain("1.25");
    const csv = await (await board.GET(req(`/challenges/${challenge.slug}/leaderboard?format=csv`), ctx({ slug: challenge.slug }))).text();
    expect(csv.split("\n")[0]).toBe("Rank,Team,Score,Std,Entries,LastSubmission,ModelBytes,ModelMsPer1000Events,ModelOperators");
    expect(csv.split("\n")[1]).toMatch(/^1,.*,1\.5,0\.1,/);

    // A team named as a spreadsheet formula is written as text (OWASP CSV injection).
    const { db } = get();
    await db
      .update(teams)
      .set({ name: sql`'=HYPERLINK("http://evil.example","open") ' || ${teams.id}` })
      .where(eq(teams.challengeId, challenge.id));
    clearLeaderboardCaches();
    const named = await (
      await board.GET(req(`/challenges/${challenge.slug}/leaderboard?format=csv`), ctx({ slug: challenge.slug }))
    ).text();
    expect(named.split("\n")[1]).toMatch(/^1,"'=HYPERLINK\(""http:\/\/evil\.example"",""open""\) \d+",1\.5,/);
    expect(named).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("answers 429 with Retry-After once a token passes its rate limit", async () => {
    const { db } = get();
    const { token } = await createApiToken(db, bob.id, "busy");
    const statuses: number[] = [];
    for (let i = 0; i < 52; i++) statuses.push((await me.GET(req("/me", { token }))).status);
    expect(statuses.slice(0, 50).every((s) => s === 200)).toBe(true);
    const limited = await me.GET(req("/me", { token }));
    expect(await errorOf(limited.clone())).toMatchObject({ status: 429, code: "rate_limited" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

it("documents every v1 route handler in the OpenAPI document, and nothing else", async () => {
  const root = path.resolve(__dirname, "../../app/api/v1");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === "route.ts") {
        const rel = "/" + path.relative(root, dir).split(path.sep).join("/");
        if (rel === "/openapi.json") continue;
        const apiPath = rel.replace(/\[(\w+)\]/g, "{$1}");
        for (const m of readFileSync(p, "utf8").matchAll(/export const (GET|POST|DELETE|PUT|PATCH)\b/g))
          found.push(`${m[1]!.toLowerCase()} ${apiPath}`);
      }
    }
  };
  walk(root);
  const doc = (await openapi.GET().json()) as {
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, unknown> };
  };
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
  expect(documented.sort()).toEqual(found.sort());
  expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Error", "Submission", "Leaderboard", "ChallengeDetail"]));
  expect(JSON.stringify(doc)).not.toContain('"$ref":"#/components/schemas/undefined"');
});
