import { eq } from "drizzle-orm";
import { beforeEach, expect, it, vi } from "vitest";

// A browser session is whatever this says (the grade export checks it).
let sessionUserId: string | undefined;
vi.mock("@/auth", () => ({ auth: async () => (sessionUserId ? { user: { id: sessionUserId } } : null) }));

import * as grades from "@/app/(site)/challenges/[slug]/manage/grades/route";
import {
  addCoOrganiser,
  classRoster,
  ClassRuleError,
  emailDomainAllowed,
  enrolAccounts,
  joinChallengeByCode,
  removeParticipant,
  rosterCsv,
  setDeadline,
} from "@/db/queries/classes";
import { isParticipant } from "@/db/queries/challenges";
import { createUser } from "@/db/queries/users";
import { challenges, users, type User } from "@/db/schema";
import { canManageChallenge } from "@/lib/authz";
import { parseRoster } from "@/lib/roster";
import { verifyPassword } from "@/lib/password";
import { describeEachDatabase } from "./databases";
import { makeChallenge, makeScored, makeUserWithTeam } from "./fixtures";

const DB_KEY = Symbol.for("collider-arena.db");
let n = 0;
const person = (db: Parameters<typeof createUser>[0], role: User["role"] = "competitor", domain = "example.org") =>
  createUser(db, { email: `p${Date.now()}-${n++}@${domain}`, name: `Person ${n}`, role });

it("matches allowed email domains exactly or as subdomains", () => {
  expect(emailDomainAllowed("a@school.org", null)).toBe(true);
  expect(emailDomainAllowed("a@school.org", ["school.org"])).toBe(true);
  expect(emailDomainAllowed("a@maths.school.org", ["school.org"])).toBe(true);
  expect(emailDomainAllowed("a@evilschool.org", ["school.org"])).toBe(false);
  expect(emailDomainAllowed("a@gmail.com", ["school.org", "uni.edu"])).toBe(false);
});

it("checks a whole roster before anything is created, with each bad line", () => {
  expect(parseRoster("name,email\nAda,ada@school.org\n\nBob,bob@school.org\n").lines).toHaveLength(2);
  const bad = parseRoster("Ada,ada@school.org\nBob,not-an-email\nCarl\nDora,ada@school.org\n");
  expect(bad.problems).toEqual([
    "line 2: Enter a valid email address, like ada@example.org",
    'line 3: expected "name,email", got 1 field',
    "line 4: ada@school.org appears twice",
  ]);
  expect(parseRoster("\n").problems).toEqual(["the roster is empty"]);
});

describeEachDatabase("class competitions", (get) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    sessionUserId = undefined;
  });

  it("joins by code, only from the allowed domains", async () => {
    const { db } = get();
    const code = `join-${Date.now()}`;
    const c = await makeChallenge(db, { visibility: "private", joinCode: code, allowedEmailDomains: ["school.org"] });
    const outsider = await person(db);
    await expect(joinChallengeByCode(db, code, outsider)).rejects.toThrow(/open to @school\.org addresses only/);
    expect(await isParticipant(db, c.id, outsider.id)).toBe(false);
    await expect(joinChallengeByCode(db, "no-such-code", outsider)).rejects.toBeInstanceOf(ClassRuleError);
    const student = await person(db, "competitor", "maths.school.org");
    expect(await joinChallengeByCode(db, ` ${code} `, student)).toEqual({ slug: c.slug, title: c.title });
    await joinChallengeByCode(db, code, student); // twice is harmless
    expect(await isParticipant(db, c.id, student.id)).toBe(true);
  });

  it("shows the teacher each student's best public and private scores and ranks, and exports them", async () => {
    const { db } = get();
    const c = await makeChallenge(db, { visibility: "private" });
    const a = await makeUserWithTeam(db, c.id, `ana-${n++}`);
    const b = await makeUserWithTeam(db, c.id, `ben-${n++}`);
    const idle = await person(db);
    await joinChallengeByCode(
      db,
      (
        await db
          .update(challenges)
          .set({ joinCode: `j${n++}${Date.now()}` })
          .where(eq(challenges.id, c.id))
          .returning()
      )[0]!.joinCode!,
      idle,
    );
    await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: 2.0, priv: 1.0 });
    await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: 1.5, priv: 3.0 });
    await makeScored(db, { challengeId: c.id, teamId: b.team.id, pub: 2.5, priv: 2.0 });
    const roster = await classRoster(db, c, true);
    expect(roster.map((r) => [r.name, r.submissions, r.bestPublic, r.publicRank, r.bestPrivate, r.privateRank])).toEqual([
      [a.user.name, 2, 2.0, 2, 3.0, 1],
      [b.user.name, 1, 2.5, 1, 2.0, 2],
      [idle.name, 0, null, null, null, null],
    ]);
    const csv = rosterCsv(roster).split("\n");
    expect(csv[0]).toBe("Name,Email,Team,Submissions,BestPublic,PublicRank,BestPrivate,PrivateRank");
    expect(csv[1]).toBe(`${a.user.name},${a.user.email},${a.team.name},2,2,2,3,1`);
    // Lower-is-better metrics rank the other way.
    expect((await classRoster(db, c, false)).map((r) => [r.bestPublic, r.publicRank])).toEqual([
      [1.5, 1],
      [2.5, 2],
      [null, null],
    ]);

    await removeParticipant(db, c.id, b.user.id);
    expect((await classRoster(db, c, true)).map((r) => r.name)).toEqual([a.user.name, idle.name]);
  });

  it("never takes a NaN score as a team's best; +∞ is the best of a higher-is-better metric", async () => {
    const { db } = get();
    const c = await makeChallenge(db, { visibility: "private" });
    const a = await makeUserWithTeam(db, c.id, `nan-${n++}`);
    const b = await makeUserWithTeam(db, c.id, `inf-${n++}`);
    const only = await makeUserWithTeam(db, c.id, `only-nan-${n++}`);
    await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: NaN, priv: NaN });
    await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: 2, priv: 3 });
    await makeScored(db, { challengeId: c.id, teamId: b.team.id, pub: Infinity, priv: 1 });
    await makeScored(db, { challengeId: c.id, teamId: b.team.id, pub: 5, priv: NaN });
    await makeScored(db, { challengeId: c.id, teamId: only.team.id, pub: NaN, priv: NaN });
    const standing = async (higherIsBetter: boolean) =>
      (await classRoster(db, c, higherIsBetter)).map((r) => [r.teamName, r.bestPublic, r.publicRank, r.bestPrivate, r.privateRank]);
    expect(await standing(true)).toEqual([
      [a.team.name, 2, 2, 3, 1],
      [b.team.name, Infinity, 1, 1, 2],
      [only.team.name, null, null, null, null],
    ]);
    expect(await standing(false)).toEqual([
      [b.team.name, 5, 2, 1, 1],
      [a.team.name, 2, 1, 3, 2],
      [only.team.name, null, null, null, null],
    ]);
  });

  it("enrols a roster in one go, keeping existing accounts' passwords", async () => {
    const { db } = get();
    const c = await makeChallenge(db, { visibility: "private" });
    const existing = await person(db);
    const fresh = `new-${Date.now()}@school.org`;
    const accounts = await enrolAccounts(db, c.id, [
      { name: "New Student", email: fresh },
      { name: existing.name!, email: existing.email! },
    ]);
    expect(accounts.map((a) => [a.email, a.password === null])).toEqual([
      [fresh, false],
      [existing.email, true],
    ]);
    const [created] = await db.select().from(users).where(eq(users.email, fresh));
    expect(await verifyPassword(accounts[0]!.password!, created!.passwordHash!)).toBe(true);
    expect(await isParticipant(db, c.id, created!.id)).toBe(true);
    expect(await isParticipant(db, c.id, existing.id)).toBe(true);
  });

  it("moves the deadline only to a sensible time", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    await expect(setDeadline(db, c.id, new Date(Date.now() - 60_000))).rejects.toThrow(/in the future/);
    await expect(setDeadline(db, c.id, new Date(Date.now() - 10 * 86_400_000))).rejects.toThrow(/after the phase's start/);
    await setDeadline(db, c.id, new Date(Date.now() + 30 * 86_400_000));
  });

  it("lets admins, the creating organiser and co-organisers manage; nobody else (role × route table)", async () => {
    const { db } = get();
    const creator = await person(db, "organiser");
    const c = await makeChallenge(db, { createdBy: creator.id, visibility: "private" });
    const assistant = await person(db, "competitor");
    await addCoOrganiser(db, c.id, assistant.email!);
    await expect(addCoOrganiser(db, c.id, "nobody@example.org")).rejects.toThrow(/No account uses/);
    const table: [string, User | undefined, boolean][] = [
      ["admin", await person(db, "admin"), true],
      ["creating organiser", creator, true],
      ["co-organiser (a competitor by role)", assistant, true],
      ["another organiser", await person(db, "organiser"), false],
      ["competitor", await person(db, "competitor"), false],
      ["anonymous", undefined, false],
    ];
    for (const [who, user, allowed] of table) {
      expect(await canManageChallenge(db, c, user), who).toBe(allowed);
      sessionUserId = user?.id;
      const res = await grades.GET(new Request(`http://localhost/challenges/${c.slug}/manage/grades`), {
        params: Promise.resolve({ slug: c.slug }),
      });
      expect(res.status, who).toBe(allowed ? 200 : user ? 404 : 401);
      if (allowed) expect((await res.text()).split("\n")[0]).toMatch(/^Name,Email,Team/);
    }
  });
});
