import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { canSeeChallenge, currentUser } from "@/lib/authz";

/**
 * The challenge for a page, or a 404. A private challenge is visible only to its
 * participants and to organisers: to anyone else it does not exist.
 */
export const loadChallenge = cache(async (slug: string) => {
  const db = await getDb();
  const challenge = await getChallengeBySlug(db, slug);
  const user = await currentUser();
  if (!challenge || !(await canSeeChallenge(db, challenge, user))) notFound();
  // The join code is the organiser's to share; it never goes to a competitor's page.
  const { joinCode: _joinCode, ...visible } = challenge;
  return { challenge: visible, user };
});
