/**
 * Every organiser action, as a table of role × action: competitors, other organisers and anonymous visitors are
 * refused (the challenge does not exist for them: 404, or a redirect to sign in), and nothing changes.
 */
import { eq } from "drizzle-orm";
import { beforeEach, expect, it, vi } from "vitest";

let sessionUserId: string | undefined;
vi.mock("@/auth", () => ({ auth: async () => (sessionUserId ? { user: { id: sessionUserId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import * as manage from "@/app/(site)/challenges/[slug]/manage/actions";
import * as organise from "@/app/(site)/organise/new/actions";
import * as admin from "@/app/(site)/admin/users/actions";
import { createUser } from "@/db/queries/users";
import { baselineRuns, challenges, participants, type User } from "@/db/schema";
import { describeEachDatabase } from "./databases";
import { makeChallenge, makeUserWithTeam } from "./fixtures";

const DB_KEY = Symbol.for("collider-arena.db");
let n = 0;

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

/** What a refused call throws: Next's not-found or redirect signal (their digests), never a result. */
async function refusal(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return "allowed";
  } catch (err) {
    const digest = String((err as { digest?: string }).digest ?? (err as Error).message);
    if (digest.includes("404")) return "404";
    if (digest.startsWith("NEXT_REDIRECT")) return "redirect";
    throw err;
  }
}

describeEachDatabase("organiser actions × roles", (get) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
  });

  it("refuses every manage action to anyone who does not run the challenge, changing nothing", async () => {
    const { db } = get();
    const mk = (role: User["role"]) => createUser(db, { email: `z${Date.now()}-${n++}@example.org`, name: "x", role });
    const owner = await mk("organiser");
    const c = await makeChallenge(db, { createdBy: owner.id, visibility: "private", joinCode: `zz${Date.now()}` });
    const student = await makeUserWithTeam(db, c.id);
    const slug = c.slug;
    const actions: [string, () => Promise<unknown>][] = [
      ["end the challenge", () => manage.endChallengeAction(slug)],
      ["reveal the private board", () => manage.revealPrivateAction(slug)],
      ["remove a student", () => manage.removeStudentAction({}, form({ slug, userId: student.user.id }))],
      ["add a co-organiser", () => manage.addCoOrganiserAction({}, form({ slug, email: owner.email! }))],
      [
        "move the deadline",
        () => manage.setDeadlineAction({}, form({ slug, endsAt: new Date(Date.now() + 5 * 86_400_000).toISOString() })),
      ],
      ["enrol students", () => manage.enrolStudentsAction({}, form({ slug, roster: "Eve,eve@example.org" }))],
      ["disqualify a team", () => manage.disqualifyAction({}, form({ slug, teamId: String(student.team.id), disqualified: "true" }))],
      ["rescore everything", () => manage.rescoreAllAction({}, form({ slug }))],
      ["train a baseline", () => manage.startBaselineAction({}, form({ slug, family: "xgboost" }))],
    ];
    const callers: [string, User | undefined, string][] = [
      ["anonymous", undefined, "redirect"],
      ["competitor (a participant)", student.user, "404"],
      ["another organiser", await mk("organiser"), "404"],
    ];
    for (const [who, user, expected] of callers) {
      sessionUserId = user?.id;
      for (const [what, call] of actions) expect(await refusal(call), `${who}: ${what}`).toBe(expected);
    }
    const [after] = await db.select().from(challenges).where(eq(challenges.id, c.id));
    expect(after!.privateRevealedAt).toBeNull();
    expect(await db.select().from(participants).where(eq(participants.userId, student.user.id))).toHaveLength(1);
    expect(await db.select().from(baselineRuns).where(eq(baselineRuns.challengeId, c.id))).toHaveLength(0);

    // Creating challenges needs the organiser role; granting roles needs an admin.
    const newChallenge = {
      kind: "detector-design",
      title: "Sneaky",
      slug: `sneaky-${n}`,
      metricId: "design-score",
      startsAt: "2026-12-01T00:00",
      endsAt: "2026-12-02T00:00",
    };
    for (const [who, user, expected] of callers) {
      sessionUserId = user?.id;
      if (!user || user.role !== "organiser")
        expect(await refusal(() => organise.createChallengeAction({}, form(newChallenge))), `${who}: create`).toBe(expected);
      expect(await refusal(() => admin.setRoleAction({}, form({ userId: student.user.id, role: "admin" }))), `${who}: grant a role`).toBe(
        expected,
      );
    }
    expect(
      await db
        .select()
        .from(challenges)
        .where(eq(challenges.slug, `sneaky-${n}`)),
    ).toHaveLength(0);

    // The owner is let through (a harmless action: a deadline in the future).
    sessionUserId = owner.id;
    expect(
      await refusal(() => manage.setDeadlineAction({}, form({ slug, endsAt: new Date(Date.now() + 5 * 86_400_000).toISOString() }))),
    ).toBe("allowed");
  });
});
