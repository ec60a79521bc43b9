"use server";

import { redirect } from "next/navigation";
import { KIND_OPTIONS, simulateChallengeData } from "@/challenges/simulated";
import { getDb } from "@/db";
import { createChallengeWithDataset, freshDataKey } from "@/lib/challenges/create-challenge";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { newJoinCode } from "@/db/queries/classes";
import { validatedAction } from "@/lib/action";
import { hasRole, requireRole } from "@/lib/authz";
import { renderMarkdown } from "@/lib/markdown";
import { newChallengeSchema } from "@/lib/validations/challenge";

/** Creates a challenge with freshly simulated data (a new seed unless one is given) and opens its manage page. */
export const createChallengeAction = validatedAction(newChallengeSchema, async (v) => {
  const user = await requireRole("organiser");
  if (!hasRole(user, "organiser")) return { error: "Only organisers can create challenges." };
  const db = await getDb();
  if (await getChallengeBySlug(db, v.slug))
    return { error: `The address /challenges/${v.slug} is taken: choose another slug.`, fieldErrors: { slug: ["Taken"] } };
  const kind = KIND_OPTIONS[v.kind]!;
  // Without a seed the data come from a fresh 256-bit key (kept in the server-only secrets); a typed seed makes
  // them reproducible, and so rebuildable by anyone who learns it (the form says so).
  const seed = v.seed ?? freshDataKey();
  const data = simulateChallengeData({
    kind: v.kind,
    seed,
    trainEvents: v.trainEvents,
    testEvents: v.testEvents,
    publicFraction: v.publicFraction,
    testSystematics: v.testSystematics,
  });
  try {
    await createChallengeWithDataset(
      db,
      {
        slug: v.slug,
        kind: v.kind,
        title: v.title,
        summary: v.summary,
        description: v.description.trim() || kind.description,
        metricId: v.metricId,
        config: { simulated: true },
        phases: () => [
          { name: "Main", startsAt: v.startsAt, endsAt: v.endsAt, submissionMode: v.mainMode },
          ...(v.finalEndsAt ? [{ name: "Final", startsAt: v.endsAt, endsAt: v.finalEndsAt, submissionMode: v.finalMode }] : []),
        ],
        settings: {
          visibility: v.visibility,
          joinCode: v.visibility === "private" ? newJoinCode() : null,
          allowedEmailDomains: v.allowedEmailDomains.length > 0 ? v.allowedEmailDomains : null,
          dailySubmissionLimit: v.dailySubmissionLimit,
          maxTeamSize: v.maxTeamSize,
          finalSelections: v.finalSelections,
          publicFraction: v.publicFraction,
          modelMaxMb: v.modelMaxMb,
          latencyBudgetMs: v.latencyBudgetMs ?? null,
          createdBy: user.id,
        },
      },
      data,
    );
  } catch (err) {
    // Two organisers racing for one slug: the unique index decides.
    if (await getChallengeBySlug(db, v.slug)) return { error: `The address /challenges/${v.slug} is taken: choose another slug.` };
    throw err;
  }
  redirect(`/challenges/${v.slug}/manage`);
});

/** Markdown preview for the description field, rendered exactly as the challenge page will. */
export async function previewMarkdownAction(markdown: string): Promise<string> {
  await requireRole("organiser");
  return renderMarkdown(markdown.slice(0, 50_000));
}
