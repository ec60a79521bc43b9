import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { participants, teamMembers, teams, type Team, type User } from "../schema";

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
      const [team] = await tx
        .insert(teams)
        .values({ challengeId, name, inviteCode: newInviteCode() })
        .onConflictDoNothing()
        .returning();
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
