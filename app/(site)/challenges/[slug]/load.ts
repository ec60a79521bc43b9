import { notFound } from "next/navigation";
import { cache } from "react";
import { currentUser } from "@/lib/authz";
import { findVisibleChallenge } from "@/lib/challenge-access";

/**
 * The challenge for a page, or a 404. A private challenge is visible only to its
 * participants and to those who manage it (lib/authz.ts canSeeChallenge): to anyone else it does not exist.
 */
export const loadChallenge = cache(async (slug: string) => {
  const challenge = await findVisibleChallenge(slug);
  if (!challenge) notFound();
  const user = await currentUser();
  // The join code is the organiser's to share; it never goes to a competitor's page.
  const { joinCode: _joinCode, ...visible } = challenge;
  return { challenge: visible, user };
});
