"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { ensureTeam, getTeamByInviteCode, joinTeamByCode, leaveTeam, mergeTeams, renameTeam, TeamRuleError } from "@/db/queries/teams";
import { validatedAction, type ActionState } from "@/lib/action";
import { canSeeChallenge, requireUser } from "@/lib/authz";

const codeSchema = z.object({
  slug: z.string().min(1),
  code: z.string().trim().min(4, { message: "Enter the team's invite code" }).max(64),
});

async function context(slug: string) {
  const user = await requireUser(`/challenges/${slug}/team`);
  const db = await getDb();
  const challenge = await getChallengeBySlug(db, slug);
  if (!challenge || !(await canSeeChallenge(db, challenge, user))) throw new TeamRuleError("No such challenge.");
  if (challenge.state.status === "ended") throw new TeamRuleError("The challenge has ended: teams are frozen.");
  return { user, db, challenge };
}

async function run(slug: string, fn: () => Promise<string>): Promise<ActionState> {
  try {
    const success = await fn();
    revalidatePath(`/challenges/${slug}/team`);
    return { success };
  } catch (err) {
    if (err instanceof TeamRuleError) return { error: err.message };
    throw err;
  }
}

export const joinTeamAction = validatedAction(codeSchema, async ({ slug, code }) =>
  run(slug, async () => {
    const { user, db, challenge } = await context(slug);
    const team = await joinTeamByCode(db, challenge, user, code);
    return `You joined team "${team.name}".`;
  }),
);

export const mergeTeamAction = validatedAction(codeSchema, async ({ slug, code }) =>
  run(slug, async () => {
    const { user, db, challenge } = await context(slug);
    const mine = await ensureTeam(db, challenge.id, user);
    const other = await getTeamByInviteCode(db, challenge.id, code);
    if (!other) throw new TeamRuleError("No team in this challenge has that invite code.");
    const startedAt = challenge.phases[0]?.startsAt ?? new Date();
    await mergeTeams(db, challenge, startedAt, { fromId: other.id, intoId: mine.id });
    return `Team "${other.name}" merged into yours.`;
  }),
);

export const leaveTeamAction = validatedAction(z.object({ slug: z.string().min(1) }), async ({ slug }) =>
  run(slug, async () => {
    const { user, db, challenge } = await context(slug);
    await leaveTeam(db, challenge.id, user.id);
    return "You left the team.";
  }),
);

export const renameTeamAction = validatedAction(
  z.object({ slug: z.string().min(1), name: z.string().trim().min(2, { message: "A team name needs 2 characters or more" }).max(60) }),
  async ({ slug, name }) =>
    run(slug, async () => {
      const { user, db, challenge } = await context(slug);
      const team = await ensureTeam(db, challenge.id, user);
      await renameTeam(db, { challengeId: challenge.id, teamId: team.id, name });
      return `Your team is now called "${name}".`;
    }),
);
