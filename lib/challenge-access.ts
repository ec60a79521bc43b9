import { getDb } from "@/db";
import { getChallengeBySlug } from "@/db/queries/challenges";
import type { User } from "@/db/schema";
import { requestIdentity, type RequestIdentity } from "./api-auth";
import { ApiError } from "./api-error";
import { canManageChallenge, canSeeChallenge, currentUser } from "./authz";
import { processSingleton } from "./process-singleton";
import { TtlCache } from "./ttl-cache";
import { challengeStatus } from "@/challenges/phase-status";

type ChallengeRow = NonNullable<Awaited<ReturnType<typeof getChallengeBySlug>>>;

// Challenge settings change rarely and are read on every page and API call;
// organiser actions in this process invalidate at once (one cache per process, shared by the actions' and the
// routes' bundles: lib/process-singleton.ts), other processes see changes within the TTL.
const rows = processSingleton("challenge-access.rows", () => new TtlCache<ChallengeRow | undefined>(2000));

export function invalidateChallenge(slug: string): void {
  rows.delete(slug);
}

/**
 * The challenge if this visitor may see it, else undefined. Public challenges
 * need no session lookup; private ones are visible to their participants and managers (canSeeChallenge).
 */
export async function findVisibleChallenge(
  slug: string,
  viewer: () => Promise<User | undefined> = currentUser,
): Promise<ChallengeRow | undefined> {
  const db = await getDb();
  const row = await rows.get(slug, () => getChallengeBySlug(db, slug));
  if (!row) {
    // A miss is not kept: a challenge created a moment later (by an action, an import or another process) is found
    // at once, not 404 until the TTL runs out.
    rows.delete(slug);
    return undefined;
  }
  // Status is a function of time: recompute it rather than serve a cached one.
  const challenge = { ...row, state: challengeStatus(row.phases, new Date()) };
  if (challenge.visibility === "public") return challenge;
  return (await canSeeChallenge(db, challenge, await viewer())) ? challenge : undefined;
}

/**
 * For route handlers: the visible challenge and the caller (API token or session, if any),
 * or a 404 in the shared error shape. The join code is never part of it.
 */
export async function challengeForApi(slug: string, caller: Request | RequestIdentity) {
  // Routes that already identified the caller pass the identity, so a token is looked up (and rate-counted) once.
  const { user } = caller instanceof Request ? await requestIdentity(caller) : caller;
  const found = await findVisibleChallenge(slug, async () => user);
  if (!found) throw new ApiError(404, "not_found", `No challenge "${slug}"`);
  const { joinCode: _joinCode, ...challenge } = found;
  return { db: await getDb(), user, challenge };
}

/**
 * For organiser route handlers (grades, baseline runs, bundle export): the challenge when the caller (token or
 * session) manages it; 401 without a caller, and 404 for anyone else, who learns nothing, not even that it exists.
 */
export async function managedChallengeForApi(slug: string, req: Request) {
  const { user } = await requestIdentity(req);
  if (!user) throw new ApiError(401, "unauthenticated", "Sign in or send an API token first.");
  const db = await getDb();
  const challenge = await getChallengeBySlug(db, slug);
  if (!challenge || !(await canManageChallenge(db, challenge, user)))
    throw new ApiError(404, "not_found", `No challenge "${slug}" that you organise.`);
  return { db, user, challenge };
}
