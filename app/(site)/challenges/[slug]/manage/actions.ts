"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { findKind } from "@/challenges";
import { getDb } from "@/db";
import { addCoOrganiser, ClassRuleError, enrolAccounts, removeParticipant, setDeadline } from "@/db/queries/classes";
import { endChallengeNow, getChallengeBySlug, revealPrivateLeaderboard } from "@/db/queries/challenges";
import { validatedAction, type ActionState } from "@/lib/action";
import { canManageChallenge, requireUser } from "@/lib/authz";
import { invalidateChallenge } from "@/lib/challenge-access";
import { parseRoster } from "@/lib/roster";
import { resetForRescore, setDisqualified } from "@/db/queries/organiser";
import { familyUnavailable } from "@/lib/ml/family-availability";
import { createBaselineRun } from "@/lib/jobs/baseline-job";
import { enqueueScoring } from "@/lib/jobs/score-submission";
import { getBoss, getQueue } from "@/lib/jobs/shared-queue";
import { csvLine } from "@/lib/csv";
import { emailSchema } from "@/lib/validations/auth";
import { rescoringMessage, setChallengeGates } from "@/lib/challenge-gates";
import { gateSettingsSchema, gateSummary } from "@/scoring/gates/gate-settings";

/** Every manage action starts here: the caller must manage this challenge, else it does not exist for them. */
async function managedChallenge(slug: string) {
  const user = await requireUser(`/challenges/${slug}/manage`);
  const db = await getDb();
  const challenge = await getChallengeBySlug(db, slug);
  if (!challenge || !(await canManageChallenge(db, challenge, user))) notFound();
  return { db, challenge, user };
}

function changed(slug: string) {
  invalidateChallenge(slug);
  revalidatePath(`/challenges/${slug}`, "layout");
}

/** Runs a class rule, turning its broken rules into the form's message. */
async function rule(slug: string, fn: () => Promise<ActionState>): Promise<ActionState> {
  try {
    const result = await fn();
    changed(slug);
    return result;
  } catch (err) {
    if (err instanceof ClassRuleError) return { error: err.message };
    throw err;
  }
}

export async function endChallengeAction(slug: string): Promise<void> {
  const { db, challenge } = await managedChallenge(slug);
  await endChallengeNow(db, challenge.id);
  changed(slug);
}

export async function revealPrivateAction(slug: string): Promise<void> {
  const { db, challenge } = await managedChallenge(slug);
  await revealPrivateLeaderboard(db, challenge.id);
  changed(slug);
}

export const removeStudentAction = validatedAction(z.object({ slug: z.string(), userId: z.string().min(1) }), async ({ slug, userId }) => {
  const { db, challenge } = await managedChallenge(slug);
  await removeParticipant(db, challenge.id, userId);
  changed(slug);
  return { success: "Removed from the class." };
});

export const addCoOrganiserAction = validatedAction(z.object({ slug: z.string(), email: emailSchema }), async ({ slug, email }) => {
  const { db, challenge } = await managedChallenge(slug);
  return rule(slug, async () => {
    const u = await addCoOrganiser(db, challenge.id, email);
    return { success: `${u.name ?? u.email} now co-organises this challenge.` };
  });
});

export const setDeadlineAction = validatedAction(
  z.object({ slug: z.string(), endsAt: z.coerce.date({ message: "Enter a date" }) }),
  async ({ slug, endsAt }) => {
    const { db, challenge } = await managedChallenge(slug);
    return rule(slug, async () => {
      await setDeadline(db, challenge.id, endsAt);
      return { success: `The challenge now ends ${endsAt.toISOString().slice(0, 16).replace("T", " ")} UTC.` };
    });
  },
);

/** Creates accounts from a `name,email` list; the passwords come back once, as CSV, for the teacher to hand out. */
export const enrolStudentsAction = validatedAction(
  z.object({ slug: z.string(), roster: z.string().max(100_000) }),
  async ({ slug, roster }) => {
    const { db, challenge } = await managedChallenge(slug);
    const { lines, problems } = parseRoster(roster);
    if (problems.length > 0) return { error: `Nothing was created. Fix the roster:\n${problems.slice(0, 20).join("\n")}` };
    const accounts = await enrolAccounts(db, challenge.id, lines);
    changed(slug);
    const created = accounts.filter((a) => a.password !== null).length;
    const csv = ["name,email,password", ...accounts.map((a) => csvLine([a.name, a.email, a.password ?? "(existing account)"]))].join("\n");
    return {
      success: `${accounts.length} students enrolled (${created} new accounts). Hand out these passwords now: they are not shown again.`,
      secret: csv,
    };
  },
);

const optionalCount = z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(10_000).optional());

/** Starts the reference baseline trainer as a background job; its progress shows on the manage page. */
export const startBaselineAction = validatedAction(
  z.object({
    slug: z.string(),
    family: z.enum(["tfjs", "xgboost", "autoencoder", "cwola", "both", "blend"]),
    epochs: optionalCount,
    seed: optionalCount,
  }),
  async ({ slug, family, epochs, seed }) => {
    const { db, challenge, user } = await managedChallenge(slug);
    // The baseline families the kind's trainer offers ("both" = all of them).
    const allowed = findKind(challenge.kind)?.baselines?.families.map((f) => f.id);
    if (!allowed)
      return { error: `A ${challenge.kind} challenge has no trainer to start: its benchmarks are posted when the challenge is created.` };
    if (!allowed.includes(family)) return { error: `A ${challenge.kind} challenge's baselines are ${allowed.join(", ")}.` };
    const unavailable = await familyUnavailable(family);
    if (unavailable) return { error: `${unavailable} Nothing was queued; choose the tfjs family.` };
    await createBaselineRun(db, await getBoss(), {
      challengeId: challenge.id,
      requestedBy: user.id,
      family,
      seed: seed ?? 1,
      epochs: epochs ?? null,
    });
    revalidatePath(`/challenges/${slug}/manage`);
    return { success: "Queued: the worker trains it in the background; progress appears below." };
  },
);

export const disqualifyAction = validatedAction(
  z.object({ slug: z.string(), teamId: z.coerce.number().int(), disqualified: z.enum(["true", "false"]) }),
  async ({ slug, teamId, disqualified }) => {
    const { db, challenge } = await managedChallenge(slug);
    if (!(await setDisqualified(db, challenge.id, teamId, disqualified === "true"))) return { error: "No such team in this challenge." };
    changed(slug);
    return { success: disqualified === "true" ? "Disqualified: the team is off both leaderboards." : "Reinstated." };
  },
);

/** After a metric or answer-key fix: every finished submission is scored again by the workers. */
export const rescoreAllAction = validatedAction(z.object({ slug: z.string() }), async ({ slug }) => {
  const { db, challenge } = await managedChallenge(slug);
  const ids = await resetForRescore(db, challenge.id);
  const boss = await getBoss();
  for (const id of ids) await enqueueScoring(boss, id);
  changed(slug);
  return { success: `${ids.length} submission${ids.length === 1 ? "" : "s"} queued for rescoring.` };
});

/** Switches the challenge's Flavours-of-Physics checks (gates) on or off, with their thresholds. */
export const setGatesAction = validatedAction(z.object({ slug: z.string() }).and(gateSettingsSchema), async ({ slug }, formData) => {
  const { db, challenge } = await managedChallenge(slug);
  const result = await setChallengeGates(db, await getQueue(), challenge, Object.fromEntries(formData));
  if ("problems" in result) return { error: `Nothing was changed: ${result.problems.join("; ")}` };
  changed(slug);
  const on = result.gates.map(gateSummary);
  const checks = on.length ? `Checks on: ${on.join(", ")}.` : "No checks: every valid submission is ranked.";
  return { success: `${checks} ${rescoringMessage(result.rescoring)}` };
});
