/**
 * A private challenge (a class) exists only for its participants and those who run it (admins, its creator, its
 * co-organisers). Every route that reads or writes a challenge is called by each kind of caller; an organiser of
 * another class must get the same 404 as any competitor who has not joined, and nothing may be written for them.
 */
import { eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";

let sessionUserId: string | undefined;
vi.mock("@/auth", () => ({ auth: async () => (sessionUserId ? { user: { id: sessionUserId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import * as challengeDetail from "@/app/api/v1/challenges/[slug]/route";
import * as challengeList from "@/app/api/v1/challenges/route";
import * as files from "@/app/api/v1/challenges/[slug]/files/[file]/route";
import * as subs from "@/app/api/v1/challenges/[slug]/submissions/route";
import * as subById from "@/app/api/v1/challenges/[slug]/submissions/[id]/route";
import * as finalRoute from "@/app/api/v1/challenges/[slug]/submissions/[id]/final/route";
import * as board from "@/app/api/v1/challenges/[slug]/leaderboard/route";
import * as bundle from "@/app/api/v1/challenges/[slug]/bundle/route";
import * as dataFile from "@/app/(site)/challenges/[slug]/data/[file]/route";
import * as boardCsv from "@/app/(site)/challenges/[slug]/leaderboard/csv/route";
import * as grades from "@/app/(site)/challenges/[slug]/manage/grades/route";
import * as baselines from "@/app/(site)/challenges/[slug]/manage/baselines/route";
import * as team from "@/app/(site)/challenges/[slug]/team/actions";
import { createApiToken } from "@/db/queries/api-tokens";
import { addCoOrganiser } from "@/db/queries/classes";
import { createUser } from "@/db/queries/users";
import { challenges, submissions, teams, type Challenge, type User } from "@/db/schema";
import { canSeeChallenge } from "@/lib/authz";
import { findVisibleChallenge, invalidateChallenge } from "@/lib/challenge-access";
import { setBoss } from "@/lib/jobs/shared-queue";
import { describeEachDatabase } from "./databases";
import { goodCsv, makeHiggsChallenge } from "./queue-fixtures";
import { makeScored, makeUserWithTeam } from "./fixtures";

const DB_KEY = Symbol.for("collider-arena.db");
let n = 0;

beforeAll(() => {
  setBoss({ send: async () => "job" } as unknown as PgBoss);
});

const req = (p: string, token?: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}) =>
  new Request(`http://localhost${p}`, {
    method: init.method ?? "GET",
    body: init.body,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...init.headers },
  });
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describeEachDatabase("private challenges × callers", (get) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    sessionUserId = undefined;
  });

  it("gives an organiser who does not run a class the same 404 as a competitor who has not joined, on every path", async () => {
    const { db } = get();
    const person = async (role: User["role"]) => {
      const user = await createUser(db, { email: `acc-${Date.now()}-${n++}@example.org`, name: `Person ${n}`, role });
      return { user, token: (await createApiToken(db, user.id, "t")).token };
    };
    const owner = await person("organiser");
    const coOrganiser = await person("organiser");
    const stranger = await person("organiser");
    const outsider = await person("competitor");
    const admin = await person("admin");
    const { challenge: created, ids } = await makeHiggsChallenge(db);
    const [c] = await db
      .update(challenges)
      .set({ visibility: "private", joinCode: `acc${Date.now()}${n++}`, createdBy: owner.user.id })
      .where(eq(challenges.id, created.id))
      .returning();
    const challenge = c as Challenge;
    const slug = challenge.slug;
    invalidateChallenge(slug);
    await addCoOrganiser(db, challenge.id, coOrganiser.user.email!);
    const student = await makeUserWithTeam(db, challenge.id, `student-${Date.now()}-${n++}`);
    const studentToken = (await createApiToken(db, student.user.id, "t")).token;
    const entry = await makeScored(db, { challengeId: challenge.id, teamId: student.team.id, pub: 1, priv: 2 });

    const upload = (token: string) =>
      subs.POST(
        req(`/api/v1/challenges/${slug}/submissions`, token, {
          method: "POST",
          body: goodCsv(ids),
          headers: { "X-Filename": "p.csv", "Content-Type": "text/csv" },
        }),
        ctx({ slug }),
      );
    const paths: [string, (token: string) => Promise<Response>][] = [
      ["GET the challenge", (t) => challengeDetail.GET(req(`/api/v1/challenges/${slug}`, t), ctx({ slug }))],
      ["GET a data file (API)", (t) => files.GET(req(`/api/v1/challenges/${slug}/files/test.csv`, t), ctx({ slug, file: "test.csv" }))],
      ["GET a data file (site)", (t) => dataFile.GET(req(`/challenges/${slug}/data/test.csv`, t), ctx({ slug, file: "test.csv" }))],
      ["GET the leaderboard", (t) => board.GET(req(`/api/v1/challenges/${slug}/leaderboard`, t), ctx({ slug }))],
      ["GET the leaderboard CSV", (t) => boardCsv.GET(req(`/challenges/${slug}/leaderboard/csv`, t), ctx({ slug }))],
      ["GET own submissions", (t) => subs.GET(req(`/api/v1/challenges/${slug}/submissions`, t), ctx({ slug }))],
      [
        "GET a submission",
        (t) => subById.GET(req(`/api/v1/challenges/${slug}/submissions/${entry.id}`, t), ctx({ slug, id: String(entry.id) })),
      ],
      ["POST a submission", upload],
      [
        "POST a final selection",
        (t) =>
          finalRoute.POST(
            req(`/api/v1/challenges/${slug}/submissions/${entry.id}/final`, t, {
              method: "POST",
              body: JSON.stringify({ selected: true }),
              headers: { "Content-Type": "application/json" },
            }),
            ctx({ slug, id: String(entry.id) }),
          ),
      ],
      ["GET the bundle", (t) => bundle.GET(req(`/api/v1/challenges/${slug}/bundle`, t), ctx({ slug }))],
      ["GET the grades", (t) => grades.GET(req(`/challenges/${slug}/manage/grades`, t), ctx({ slug }))],
      ["GET the baseline runs", (t) => baselines.GET(req(`/challenges/${slug}/manage/baselines`, t), ctx({ slug }))],
    ];
    for (const [who, caller] of [
      ["an organiser of another class", stranger],
      ["a competitor who has not joined", outsider],
    ] as const) {
      for (const [what, call] of paths) expect((await call(caller.token)).status, `${who}: ${what}`).toBe(404);
      // Pages load the challenge through findVisibleChallenge; team actions through canSeeChallenge.
      expect(await findVisibleChallenge(slug, async () => caller.user), `${who}: pages`).toBeUndefined();
      expect(await canSeeChallenge(db, challenge, caller.user)).toBe(false);
      sessionUserId = caller.user.id;
      expect(await team.renameTeamAction({}, form({ slug, name: "Intruders" })), `${who}: team action`).toMatchObject({
        error: "No such challenge.",
      });
      sessionUserId = undefined;
      const listed = (await (await challengeList.GET(req("/api/v1/challenges", caller.token))).json()) as {
        challenges: { slug: string }[];
      };
      expect(
        listed.challenges.map((x) => x.slug),
        `${who}: list`,
      ).not.toContain(slug);
    }
    // Nothing was written for them: no submission, no team.
    for (const caller of [stranger, outsider]) {
      expect(await db.select().from(submissions).where(eq(submissions.userId, caller.user.id))).toEqual([]);
      expect(await db.select().from(teams).where(eq(teams.challengeId, challenge.id))).toHaveLength(1);
    }

    // Those who belong are let through: the student competes, the creator, a co-organiser and an admin run it.
    const open = paths.filter(([what]) => !["GET the bundle", "GET the grades", "GET the baseline runs"].includes(what));
    for (const [what, call] of open) expect((await call(studentToken)).status, `student: ${what}`).not.toBe(404);
    for (const [who, caller] of [
      ["creator", owner],
      ["co-organiser", coOrganiser],
      ["admin", admin],
    ] as const) {
      for (const [what, call] of paths) {
        if (what === "POST a submission" || what === "POST a final selection") continue; // they run it, not compete
        expect((await call(caller.token)).status, `${who}: ${what}`).toBe(200);
      }
      expect(await findVisibleChallenge(slug, async () => caller.user), `${who}: pages`).toBeDefined();
    }
  });
});
