/**
 * Revealing the private leaderboard early ends the challenge (REVEAL_RULE): after a reveal no submission is
 * accepted, the challenge cannot reopen, and a reveal recorded on a challenge that is still open shows nothing.
 */
import { eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";

let sessionUserId: string | undefined;
vi.mock("@/auth", () => ({ auth: async () => (sessionUserId ? { user: { id: sessionUserId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import * as reveal from "@/app/api/v1/challenges/[slug]/reveal/route";
import * as subs from "@/app/api/v1/challenges/[slug]/submissions/route";
import * as board from "@/app/api/v1/challenges/[slug]/leaderboard/route";
import * as manage from "@/app/(site)/challenges/[slug]/manage/actions";
import { REVEAL_RULE } from "@/challenges/phase-status";
import { createApiToken } from "@/db/queries/api-tokens";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { ClassRuleError, setDeadline } from "@/db/queries/classes";
import { createUser } from "@/db/queries/users";
import { challenges, submissions, type Challenge } from "@/db/schema";
import { invalidateChallenge } from "@/lib/challenge-access";
import { clearLeaderboardCaches } from "@/lib/leaderboard";
import { setBoss } from "@/lib/jobs/shared-queue";
import { describeEachDatabase } from "./databases";
import { makeScored, makeUserWithTeam } from "./fixtures";
import { goodCsv, makeHiggsChallenge } from "./queue-fixtures";

const DB_KEY = Symbol.for("collider-arena.db");
let n = 0;
beforeAll(() => {
  setBoss({ send: async () => "job" } as unknown as PgBoss);
});

const req = (p: string, token?: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}) =>
  new Request(`http://localhost/api/v1${p}`, {
    method: init.method ?? "GET",
    body: init.body,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...init.headers },
  });
const ctx = (slug: string) => ({ params: Promise.resolve({ slug }) });

describeEachDatabase("revealing the private leaderboard while open", (get) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    sessionUserId = undefined;
    clearLeaderboardCaches();
  });

  async function setUp() {
    const { db } = get();
    const owner = await createUser(db, { email: `rv-${Date.now()}-${n++}@example.org`, name: "Owner", role: "organiser" });
    const { challenge: created, ids } = await makeHiggsChallenge(db);
    await db.update(challenges).set({ createdBy: owner.id }).where(eq(challenges.id, created.id));
    invalidateChallenge(created.slug);
    const student = await makeUserWithTeam(db, created.id, `rv-student-${Date.now()}-${n++}`);
    const studentToken = (await createApiToken(db, student.user.id, "t")).token;
    await makeScored(db, { challengeId: created.id, teamId: student.team.id, pub: 1.5, priv: 1.25 });
    return { db, owner, ownerToken: (await createApiToken(db, owner.id, "t")).token, challenge: created as Challenge, ids, studentToken };
  }

  const upload = (slug: string, token: string, ids: number[]) =>
    subs.POST(
      req(`/challenges/${slug}/submissions`, token, {
        method: "POST",
        body: goodCsv(ids),
        headers: { "X-Filename": "p.csv", "Content-Type": "text/csv" },
      }),
      ctx(slug),
    );
  const privateView = async (slug: string) =>
    (await (await board.GET(req(`/challenges/${slug}/leaderboard?view=private`), ctx(slug))).json()) as {
      view: string;
      privateRevealed: boolean;
    };

  it("ends the challenge through the API, says so, refuses later uploads and any reopening", async () => {
    const { db, challenge, ids, ownerToken, studentToken } = await setUp();
    const slug = challenge.slug;
    expect(await privateView(slug)).toMatchObject({ view: "public", privateRevealed: false });
    // A competitor cannot reveal (the challenge is not theirs to run: 404).
    expect((await reveal.POST(req(`/challenges/${slug}/reveal`, studentToken, { method: "POST" }), ctx(slug))).status).toBe(404);

    const res = await reveal.POST(req(`/challenges/${slug}/reveal`, ownerToken, { method: "POST" }), ctx(slug));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revealed: true, ended: true, rule: REVEAL_RULE });
    const after = (await getChallengeBySlug(db, slug))!;
    expect(after.state.status).toBe("ended");
    expect(after.privateRevealedAt).not.toBeNull();
    expect(await privateView(slug)).toMatchObject({ view: "private", privateRevealed: true });

    // Nothing can be submitted after the reveal: the private scores shown are the final standings.
    const before = (await db.select().from(submissions).where(eq(submissions.challengeId, challenge.id))).length;
    const refused = await upload(slug, studentToken, ids);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("challenge_closed");
    expect(await db.select().from(submissions).where(eq(submissions.challengeId, challenge.id))).toHaveLength(before);
    await expect(setDeadline(db, challenge.id, new Date(Date.now() + 86_400_000))).rejects.toThrow(ClassRuleError);
    await expect(setDeadline(db, challenge.id, new Date(Date.now() + 86_400_000))).rejects.toThrow(/cannot reopen/);
  });

  it("ends the challenge from the manage page's button too", async () => {
    const { db, owner, challenge } = await setUp();
    sessionUserId = owner.id;
    await manage.revealPrivateAction(challenge.slug);
    const after = (await getChallengeBySlug(db, challenge.slug))!;
    expect(after.state.status).toBe("ended");
    expect(after.privateRevealedAt).not.toBeNull();
  });

  it("shows nothing private for a reveal recorded while the challenge stayed open", async () => {
    const { db, challenge } = await setUp();
    await db.update(challenges).set({ privateRevealedAt: new Date() }).where(eq(challenges.id, challenge.id));
    invalidateChallenge(challenge.slug);
    expect(await privateView(challenge.slug)).toMatchObject({ view: "public", privateRevealed: false });
  });
});
