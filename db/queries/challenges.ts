import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { challengeStatus, type PhaseWindow, type StatusAt } from "@/challenges/phase-status";
import type { Db } from "../client";
import { challengeOrganisers, challenges, participants, phases, type Challenge, type Phase } from "../schema";

/** The columns any visitor may see: never the join code. */
const publicColumns = {
  id: challenges.id,
  slug: challenges.slug,
  kind: challenges.kind,
  title: challenges.title,
  summary: challenges.summary,
  metricId: challenges.metricId,
  visibility: challenges.visibility,
  privateRevealedAt: challenges.privateRevealedAt,
};

export type ChallengeListItem = Pick<Challenge, keyof typeof publicColumns> & { phases: Phase[]; state: StatusAt };

/** Public challenges, plus the private ones `userId` has joined. */
export async function listChallenges(db: Db, params: { userId?: string; now?: Date }): Promise<ChallengeListItem[]> {
  const visible = params.userId
    ? or(
        eq(challenges.visibility, "public"),
        sql`exists (select 1 from ${participants} where ${participants.challengeId} = ${challenges.id} and ${participants.userId} = ${params.userId})`,
      )
    : eq(challenges.visibility, "public");
  const rows = await db.select(publicColumns).from(challenges).where(visible).orderBy(asc(challenges.id));
  return withPhases(db, rows, params.now ?? new Date());
}

/** Attaches each challenge's phases and its status at `now`. */
async function withPhases(db: Db, rows: Pick<Challenge, keyof typeof publicColumns>[], now: Date): Promise<ChallengeListItem[]> {
  if (rows.length === 0) return [];
  const allPhases = await db
    .select()
    .from(phases)
    .where(
      inArray(
        phases.challengeId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(phases.position));
  return rows.map((r) => {
    const own = allPhases.filter((p) => p.challengeId === r.id);
    return { ...r, phases: own, state: challengeStatus(own, now) };
  });
}

export async function getChallengeBySlug(db: Db, slug: string) {
  const [row] = await db.select().from(challenges).where(eq(challenges.slug, slug)).limit(1);
  if (!row) return undefined;
  const own = await db.select().from(phases).where(eq(phases.challengeId, row.id)).orderBy(asc(phases.position));
  return { ...row, phases: own, state: challengeStatus(own, new Date()) };
}

/** The slug and kind of challenge `id`; undefined when there is none. */
export async function getChallengeSlugAndKind(db: Db, id: number): Promise<Pick<Challenge, "slug" | "kind"> | undefined> {
  const [row] = await db.select({ slug: challenges.slug, kind: challenges.kind }).from(challenges).where(eq(challenges.id, id));
  return row;
}

/** Every challenge of `kind`, oldest first. */
export async function listChallengesOfKind(db: Db, kind: Challenge["kind"]): Promise<Challenge[]> {
  return db.select().from(challenges).where(eq(challenges.kind, kind)).orderBy(challenges.id);
}

export async function challengeSlugTaken(db: Db, slug: string): Promise<boolean> {
  const [taken] = await db.select({ id: challenges.id }).from(challenges).where(eq(challenges.slug, slug));
  return taken !== undefined;
}

export async function isParticipant(db: Db, challengeId: number, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(participants)
    .where(and(eq(participants.challengeId, challengeId), eq(participants.userId, userId)))
    .limit(1);
  return row !== undefined;
}

export async function isChallengeOrganiser(db: Db, challengeId: number, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(challengeOrganisers)
    .where(and(eq(challengeOrganisers.challengeId, challengeId), eq(challengeOrganisers.userId, userId)))
    .limit(1);
  return row !== undefined;
}

/** Ends the challenge now: the open phase closes at `now` and later phases are dropped. */
export async function endChallengeNow(db: Db, challengeId: number, now = new Date()): Promise<void> {
  await db.transaction((tx) => closePhases(tx as unknown as Db, challengeId, now));
}

async function closePhases(db: Db, challengeId: number, now: Date): Promise<void> {
  await db.delete(phases).where(and(eq(phases.challengeId, challengeId), sql`${phases.startsAt} > ${now}`));
  await db
    .update(phases)
    .set({ endsAt: now })
    .where(and(eq(phases.challengeId, challengeId), sql`${phases.endsAt} > ${now}`));
}

/**
 * Reveals the private leaderboard, which ends the challenge at `now` (in one transaction): private scores are
 * the final standings, so nothing may be submitted after they are shown. A revealed challenge cannot reopen
 * (classes.ts setDeadline refuses). Revealing twice keeps the first time.
 */
export async function revealPrivateLeaderboard(db: Db, challengeId: number, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await closePhases(tx as unknown as Db, challengeId, now);
    await tx
      .update(challenges)
      .set({ privateRevealedAt: now })
      .where(and(eq(challenges.id, challengeId), sql`${challenges.privateRevealedAt} is null`));
  });
}

/** The challenges `user` runs: all for an admin, else those they created or co-organise. */
export async function managedChallenges(db: Db, user: { id: string; role: string }, now = new Date()): Promise<ChallengeListItem[]> {
  const mine =
    user.role === "admin"
      ? sql`true`
      : or(
          eq(challenges.createdBy, user.id),
          sql`exists (select 1 from ${challengeOrganisers} where ${challengeOrganisers.challengeId} = ${challenges.id} and ${challengeOrganisers.userId} = ${user.id})`,
        );
  const rows = await db.select(publicColumns).from(challenges).where(mine).orderBy(asc(challenges.id));
  return withPhases(db, rows, now);
}

export type NewChallenge = typeof challenges.$inferInsert;

/** A challenge row and its phases, in the given order. */
export async function insertChallenge(db: Db, values: NewChallenge, windows: readonly PhaseWindow[]): Promise<Challenge> {
  const [challenge] = await db.insert(challenges).values(values).returning();
  if (!challenge) throw new Error("insert returned nothing");
  await db.insert(phases).values(windows.map((p, i) => ({ ...p, position: i, challengeId: challenge.id })));
  return challenge;
}

/** Replaces the challenge's kind settings (challenge.config: metric parameters, gates). */
export async function setChallengeConfig(db: Db, challengeId: number, config: Record<string, unknown>): Promise<void> {
  await db.update(challenges).set({ config }).where(eq(challenges.id, challengeId));
}
