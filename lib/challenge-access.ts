import { getDb } from "@/db";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { ApiError } from "./api-error";
import { canSeeChallenge, currentUser } from "./authz";
import { TtlCache } from "./ttl-cache";
import { challengeStatus } from "@/challenges/phase-status";

type ChallengeRow = NonNullable<Awaited<ReturnType<typeof getChallengeBySlug>>>;

// Challenge settings change rarely and are read on every page and API call;
// organiser actions in this process invalidate at once, other processes see
// changes within the TTL.
const rows = new TtlCache<ChallengeRow | undefined>(2000);

export function invalidateChallenge(slug: string): void {
  rows.delete(slug);
}

/**
 * The challenge if this visitor may see it, else undefined. Public challenges
 * need no session lookup; private ones are visible to participants and organisers.
 */
export async function findVisibleChallenge(slug: string): Promise<ChallengeRow | undefined> {
  const db = await getDb();
  const row = await rows.get(slug, () => getChallengeBySlug(db, slug));
  if (!row) return undefined;
  // Status is a function of time: recompute it rather than serve a cached one.
  const challenge = { ...row, state: challengeStatus(row.phases, new Date()) };
  if (challenge.visibility === "public") return challenge;
  return (await canSeeChallenge(db, challenge, await currentUser())) ? challenge : undefined;
}

/** For route handlers: the visible challenge and the signed-in user (if any), or a 404 in the shared error shape. */
export async function challengeForApi(slug: string) {
  const challenge = await findVisibleChallenge(slug);
  if (!challenge) throw new ApiError(404, "not_found", `No challenge "${slug}"`);
  return { db: await getDb(), user: await currentUser(), challenge };
}
