import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { beforeEach, expect, it, vi } from "vitest";

// No browser session here: callers are anonymous or bring an API token (the real lookup).
vi.mock("@/auth", () => ({ auth: async () => null }));

import * as standingRoute from "@/app/api/v1/challenges/[slug]/leaderboard/me/route";
import { createApiToken } from "@/db/queries/api-tokens";
import { endChallengeNow, getChallengeBySlug } from "@/db/queries/challenges";
import { leaderboardVersion } from "@/db/queries/leaderboard";
import { benchmarkEntries, challengeOrganisers, challenges, submissions, teams, users } from "@/db/schema";
import { invalidateChallenge } from "@/lib/challenge-access";
import { clearLeaderboardCaches, loadBoard } from "@/lib/leaderboard";
import { leaderboardShare } from "@/lib/leaderboard-share";
import { readerEdge, sessionCookieOf } from "@/lib/reader-edge";
import { describeEachDatabase } from "./databases";
import { makeChallenge, makeScored, makeUserWithTeam } from "./fixtures";

const DB_KEY = Symbol.for("collider-arena.db");

describeEachDatabase("leaderboard caching by version", (get) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    clearLeaderboardCaches();
  });

  it("raises a challenge's version with each change to its board, the challenge's end included, and not with a queued upload or a claim", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    const other = await makeChallenge(db);
    const a = await makeUserWithTeam(db, c.id);
    const v = () => leaderboardVersion(db, c.id);
    const created = await v();
    const otherCreated = await leaderboardVersion(db, other.id);

    const [queued] = await db
      .insert(submissions)
      .values({ challengeId: c.id, teamId: a.team.id, filename: "q.csv", sizeBytes: 1, sha256: "x" })
      .returning();
    await db.update(submissions).set({ status: "scoring" }).where(eq(submissions.id, queued!.id));
    expect(await v()).toBe(created);
    await db.update(submissions).set({ status: "failed", error: "line 2: bad" }).where(eq(submissions.id, queued!.id));
    const afterFailure = await v();
    expect(afterFailure).toBeGreaterThan(created);

    const scored = await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: 2, priv: 1 });
    const afterScore = await v();
    expect(afterScore).toBeGreaterThan(afterFailure);
    await db.update(teams).set({ name: "renamed" }).where(eq(teams.id, a.team.id));
    const afterRename = await v();
    expect(afterRename).toBeGreaterThan(afterScore);
    await db.insert(benchmarkEntries).values({ submissionId: scored.id, name: "MLP", modelCard: {} });
    const afterBenchmark = await v();
    expect(afterBenchmark).toBeGreaterThan(afterRename);
    await db.update(submissions).set({ selectedFinal: true }).where(eq(submissions.id, scored.id));
    expect(await v()).toBeGreaterThan(afterBenchmark);
    // Ending the challenge (which reveals the private board) changes what the board shows.
    const beforeEnd = await v();
    await endChallengeNow(db, c.id);
    expect(await v()).toBeGreaterThan(beforeEnd);
    // Another challenge's board is untouched by all of this.
    expect(await leaderboardVersion(db, other.id)).toBe(otherCreated);
    // A challenge still deletes whole (its submissions' triggers run in the cascade).
    await db.delete(challenges).where(eq(challenges.id, c.id));
    expect(await db.select().from(submissions).where(eq(submissions.challengeId, c.id))).toEqual([]);
  });

  it("shows a new score, a disqualification and a reader's new rank on the very next read", async () => {
    const { db } = get();
    const c = (await getChallengeBySlug(db, (await makeChallenge(db)).slug))!;
    const a = await makeUserWithTeam(db, c.id);
    const b = await makeUserWithTeam(db, c.id);
    await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: 2, priv: 1 });
    const first = await loadBoard(c, "public", 1);
    expect(first.board.rows.map((r) => r.teamId)).toEqual([a.team.id]);
    // Served from the cache while nothing changed: the same object.
    expect((await loadBoard(c, "public", 1)).board).toBe(first.board);

    await makeScored(db, { challengeId: c.id, teamId: b.team.id, pub: 3, priv: 1 });
    expect((await loadBoard(c, "public", 1)).board.rows.map((r) => [r.rank, r.teamId])).toEqual([
      [1, b.team.id],
      [2, a.team.id],
    ]);

    // The reader's own standing (what the page's personal request answers) moves with it.
    const token = (await createApiToken(db, a.user.id, "t")).token;
    const ask = async () => {
      const res = await standingRoute.GET(
        new Request(`http://localhost/api/v1/challenges/${c.slug}/leaderboard/me`, { headers: { Authorization: `Bearer ${token}` } }),
        { params: Promise.resolve({ slug: c.slug }) },
      );
      expect(res.status).toBe(200);
      return (await res.json()) as { team: { id: number } | null; standing: { rank: number; total: number } | null; canManage: boolean };
    };
    expect(await ask()).toMatchObject({ team: { id: a.team.id }, standing: { rank: 2, total: 2 }, canManage: false });
    await db.update(teams).set({ disqualified: true }).where(eq(teams.id, b.team.id));
    expect((await loadBoard(c, "public", 1)).board.rows.map((r) => r.teamId)).toEqual([a.team.id]);
    expect(await ask()).toMatchObject({ standing: { rank: 1, total: 1 } });
    // A co-organiser is told they manage it (the Manage tab on a shared page comes from this).
    await db.insert(challengeOrganisers).values({ challengeId: c.id, userId: a.user.id });
    expect(await ask()).toMatchObject({ canManage: true });
    // Someone with no team has no standing; an anonymous caller has no user.
    const anon = await standingRoute.GET(new Request(`http://localhost/api/v1/challenges/${c.slug}/leaderboard/me`), {
      params: Promise.resolve({ slug: c.slug }),
    });
    expect(await anon.json()).toMatchObject({ user: null, team: null, standing: null, canManage: false });
  });

  it("tags a public board with its version for the shared render, and never shares a private class's", async () => {
    const { db } = get();
    const pub = await makeChallenge(db);
    const cls = await makeChallenge(db, { visibility: "private" });
    const a = await makeUserWithTeam(db, pub.id);
    const share = leaderboardShare(db);
    const before = await share(`/challenges/${pub.slug}/leaderboard`);
    expect(before).toMatch(/^v\d+$/);
    expect(await share(`/api/v1/challenges/${pub.slug}/leaderboard`)).toBe(before);
    await makeScored(db, { challengeId: pub.id, teamId: a.team.id, pub: 1, priv: 1 });
    expect(await share(`/challenges/${pub.slug}/leaderboard`)).not.toBe(before);
    expect(await share(`/challenges/${cls.slug}/leaderboard`)).toBeNull();
    expect(await share(`/challenges/no-such-challenge/leaderboard`)).toBeNull();
    expect(await share(`/challenges/${pub.slug}/submit`)).toBeNull();
    invalidateChallenge(pub.slug);
  });

  it("answers a browser session's …/leaderboard/me in front of Next.js with the route's body, and leaves the rest to it", async () => {
    const { db } = get();
    const c = (await getChallengeBySlug(db, (await makeChallenge(db)).slug))!;
    const cls = await makeChallenge(db, { visibility: "private" });
    const a = await makeUserWithTeam(db, c.id);
    await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: 2, priv: 1 });
    const secret = "s".repeat(40);
    const cookie = `theme=dark; authjs.session-token=${await encode({ token: { sub: a.user.id, sessionVersion: 0 }, secret, salt: "authjs.session-token" })}`;
    const passed: string[] = [];
    const server = createServer(readerEdge((req, res) => (passed.push(req.url!), res.writeHead(299).end()), db, secret));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const at = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ask = async (path: string, headers: Record<string, string> = {}) => {
      const res = await fetch(at + path, { headers });
      return { status: res.status, body: res.status === 200 ? await res.json() : null };
    };
    try {
      const me = `/api/v1/challenges/${c.slug}/leaderboard/me`;
      const edge = await ask(me, { cookie });
      const route = await standingRoute.GET(
        new Request(`http://localhost${me}`, { headers: { Authorization: `Bearer ${(await createApiToken(db, a.user.id, "t")).token}` } }),
        {
          params: Promise.resolve({ slug: c.slug }),
        },
      );
      expect(edge).toEqual({ status: 200, body: await route.json() });
      expect(edge.body).toMatchObject({ user: { name: a.user.name }, team: { id: a.team.id }, standing: { rank: 1, total: 1, score: 2 } });
      // No session, or a forged one: an anonymous answer.
      expect((await ask(me)).body).toMatchObject({ user: null, team: null, standing: null });
      expect((await ask(me, { cookie: "authjs.session-token=forged" })).body).toMatchObject({ user: null });
      // Left to Next.js: a private class (its participants' rules live there), an API token, a chunked cookie, other paths.
      expect((await ask(`/api/v1/challenges/${cls.slug}/leaderboard/me`, { cookie })).status).toBe(299);
      expect((await ask(me, { authorization: "Bearer ca_x" })).status).toBe(299);
      expect((await ask(me, { cookie: "authjs.session-token.0=a; authjs.session-token.1=b" })).status).toBe(299);
      expect((await ask(`/api/v1/challenges/${c.slug}/leaderboard`, { cookie })).status).toBe(299);
      expect(passed).toHaveLength(4);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    // A session revoked since ("sign out everywhere" raises the account's version) no longer counts, on a fresh edge.
    await db.update(users).set({ sessionVersion: 1 }).where(eq(users.id, a.user.id));
    const fresh = createServer(readerEdge((_q, res) => res.writeHead(299).end(), db, secret));
    await new Promise<void>((r) => fresh.listen(0, "127.0.0.1", r));
    try {
      const res = await fetch(`http://127.0.0.1:${(fresh.address() as AddressInfo).port}/api/v1/challenges/${c.slug}/leaderboard/me`, {
        headers: { cookie },
      });
      expect(await res.json()).toMatchObject({ user: null, standing: null });
    } finally {
      await new Promise<void>((r) => fresh.close(() => r()));
    }
    expect(sessionCookieOf("a=b; __Secure-authjs.session-token=xyz")).toEqual({ name: "__Secure-authjs.session-token", value: "xyz" });
  });
});
