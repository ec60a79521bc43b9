import { randomBytes } from "node:crypto";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { participants, submissions, teamMembers, teams, users, type Challenge, type Team, type User } from "../schema";

export function newInviteCode(): string {
  return randomBytes(6).toString("base64url");
}

export async function getTeamOfUser(db: Db, challengeId: number, userId: string): Promise<Team | undefined> {
  const [row] = await db
    .select({ team: teams })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.challengeId, challengeId), eq(teamMembers.userId, userId)))
    .limit(1);
  return row?.team;
}

export async function getTeamByInviteCode(db: Db, challengeId: number, inviteCode: string): Promise<Team | undefined> {
  const [row] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.challengeId, challengeId), eq(teams.inviteCode, inviteCode.trim())))
    .limit(1);
  return row;
}

/**
 * A competitor alone is a team of one: the first time they act in a challenge
 * they join it and get a team named after them (suffixed if the name is taken).
 */
export async function ensureTeam(db: Db, challengeId: number, user: Pick<User, "id" | "name" | "email">): Promise<Team> {
  const existing = await getTeamOfUser(db, challengeId, user.id);
  if (existing) return existing;
  const base = (user.name || user.email?.split("@")[0] || "team").slice(0, 60);
  return db.transaction(async (tx) => {
    await tx.insert(participants).values({ challengeId, userId: user.id }).onConflictDoNothing();
    for (let attempt = 0; ; attempt++) {
      const name = attempt === 0 ? base : `${base} (${attempt + 1})`;
      const [team] = await tx.insert(teams).values({ challengeId, name, inviteCode: newInviteCode() }).onConflictDoNothing().returning();
      if (!team) continue;
      const [member] = await tx
        .insert(teamMembers)
        .values({ teamId: team.id, challengeId, userId: user.id })
        .onConflictDoNothing()
        .returning();
      // Lost a race with a parallel request of the same user: use the team that won.
      if (!member) {
        await tx.delete(teams).where(eq(teams.id, team.id));
        const winner = await getTeamOfUser(tx as unknown as Db, challengeId, user.id);
        if (!winner) throw new Error("team membership vanished");
        return winner;
      }
      return team;
    }
  });
}

/** The team's members' names and addresses. */
export async function listTeamMembers(db: Db, teamId: number): Promise<Pick<User, "name" | "email">[]> {
  return db
    .select({ name: users.name, email: users.email })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, teamId));
}

export class TeamRuleError extends Error {}

async function teamSize(db: Db, teamId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, teamId));
  return Number(row?.n ?? 0);
}

async function countSubmissions(db: Db, teamId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(submissions)
    .where(and(eq(submissions.teamId, teamId), ne(submissions.status, "failed")));
  return Number(row?.n ?? 0);
}

/**
 * Joins the team with `inviteCode`. Only a competitor who is alone and has not
 * submitted may simply join; anyone else must merge teams (Kaggle's rule).
 */
export async function joinTeamByCode(
  db: Db,
  challenge: Pick<Challenge, "id" | "maxTeamSize">,
  user: Pick<User, "id" | "name" | "email">,
  inviteCode: string,
): Promise<Team> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const [target] = await tx
      .select()
      .from(teams)
      .where(and(eq(teams.inviteCode, inviteCode.trim()), eq(teams.challengeId, challenge.id)))
      .for("update");
    if (!target) throw new TeamRuleError("No team in this challenge has that invite code.");
    const current = await getTeamOfUser(t, challenge.id, user.id);
    if (current?.id === target.id) throw new TeamRuleError("You are already in this team.");
    if ((await teamSize(t, target.id)) >= challenge.maxTeamSize) {
      throw new TeamRuleError(`Team "${target.name}" is full (at most ${challenge.maxTeamSize} members).`);
    }
    if (current) {
      if ((await teamSize(t, current.id)) > 1 || (await countSubmissions(t, current.id)) > 0) {
        throw new TeamRuleError("You already have teammates or submissions: ask your team to merge instead.");
      }
      await tx.delete(teams).where(eq(teams.id, current.id));
    }
    await tx.insert(participants).values({ challengeId: challenge.id, userId: user.id }).onConflictDoNothing();
    await tx.insert(teamMembers).values({ teamId: target.id, challengeId: challenge.id, userId: user.id });
    return target;
  });
}

/** Leaves a team of several; the competitor becomes a team of one again on their next action. */
export async function leaveTeam(db: Db, challengeId: number, userId: string): Promise<void> {
  const team = await getTeamOfUser(db, challengeId, userId);
  if (!team) throw new TeamRuleError("You are not in a team in this challenge.");
  if ((await teamSize(db, team.id)) === 1) throw new TeamRuleError("You are the only member: there is no team to leave.");
  await db.delete(teamMembers).where(and(eq(teamMembers.challengeId, challengeId), eq(teamMembers.userId, userId)));
}

/**
 * Merges team `fromId` into `intoId`, Kaggle's rule: before the merger deadline,
 * within the team size limit, and only while the two teams' submissions together
 * do not exceed what one team could have made (daily limit × days elapsed).
 */
export async function mergeTeams(
  db: Db,
  challenge: Pick<Challenge, "id" | "maxTeamSize" | "dailySubmissionLimit" | "mergerDeadline">,
  startedAt: Date,
  p: { fromId: number; intoId: number; now?: Date },
): Promise<void> {
  const now = p.now ?? new Date();
  if (challenge.mergerDeadline && now >= challenge.mergerDeadline) {
    throw new TeamRuleError(`The merger deadline (${challenge.mergerDeadline.toISOString().slice(0, 16)} UTC) has passed.`);
  }
  if (p.fromId === p.intoId) throw new TeamRuleError("A team cannot merge with itself.");
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const locked = await tx
      .select()
      .from(teams)
      .where(and(eq(teams.challengeId, challenge.id), inArray(teams.id, [p.fromId, p.intoId])))
      .orderBy(teams.id)
      .for("update");
    if (locked.length !== 2) throw new TeamRuleError("Both teams must exist in this challenge.");
    const size = (await teamSize(t, p.fromId)) + (await teamSize(t, p.intoId));
    if (size > challenge.maxTeamSize) {
      throw new TeamRuleError(`Together the teams would have ${size} members; the limit is ${challenge.maxTeamSize}.`);
    }
    const days = Math.max(1, Math.ceil((now.getTime() - startedAt.getTime()) / 86_400_000));
    const allowed = challenge.dailySubmissionLimit * days;
    const used = (await countSubmissions(t, p.fromId)) + (await countSubmissions(t, p.intoId));
    if (used > allowed) {
      throw new TeamRuleError(
        `Together the teams made ${used} submissions, more than one team could have made so far (${challenge.dailySubmissionLimit} a day × ${days} days = ${allowed}).`,
      );
    }
    await tx.update(teamMembers).set({ teamId: p.intoId }).where(eq(teamMembers.teamId, p.fromId));
    await tx.update(submissions).set({ teamId: p.intoId }).where(eq(submissions.teamId, p.fromId));
    await tx.delete(teams).where(eq(teams.id, p.fromId));
  });
}

/** Renames a team; names are unique within a challenge (the leaderboard shows them). */
export async function renameTeam(db: Db, p: { challengeId: number; teamId: number; name: string }): Promise<void> {
  const [taken] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.challengeId, p.challengeId), eq(teams.name, p.name), ne(teams.id, p.teamId)))
    .limit(1);
  if (taken) throw new TeamRuleError(`Another team is already called "${p.name}".`);
  await db
    .update(teams)
    .set({ name: p.name })
    .where(and(eq(teams.id, p.teamId), eq(teams.challengeId, p.challengeId)));
}
