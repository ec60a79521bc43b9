"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { endChallengeNow, getChallengeBySlug, revealPrivateLeaderboard } from "@/db/queries/challenges";
import { canManageChallenge, requireUser } from "@/lib/authz";
import { invalidateChallenge } from "@/lib/challenge-access";

async function managedChallenge(slug: string) {
  const user = await requireUser(`/challenges/${slug}/manage`);
  const db = await getDb();
  const challenge = await getChallengeBySlug(db, slug);
  if (!challenge || !(await canManageChallenge(db, challenge, user))) notFound();
  return { db, challenge };
}

export async function endChallengeAction(slug: string): Promise<void> {
  const { db, challenge } = await managedChallenge(slug);
  await endChallengeNow(db, challenge.id);
  invalidateChallenge(slug);
  revalidatePath(`/challenges/${slug}`, "layout");
}

export async function revealPrivateAction(slug: string): Promise<void> {
  const { db, challenge } = await managedChallenge(slug);
  await revealPrivateLeaderboard(db, challenge.id);
  invalidateChallenge(slug);
  revalidatePath(`/challenges/${slug}`, "layout");
}
