import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb, type Db } from "@/db";
import { isChallengeOrganiser, isParticipant } from "@/db/queries/challenges";
import { getUserById, revokeSessions, setUserRole } from "@/db/queries/users";
import type { Challenge, Role, User } from "@/db/schema";
import { managesChallenge } from "./manages-challenge";
import { processSingleton } from "./process-singleton";
import { TtlCache } from "./ttl-cache";

/**
 * The one place roles are checked. Every page, action and route handler that
 * needs a signed-in user or a role goes through these.
 */
/**
 * The request's session cookie(s) joined: null when there is none (anonymous, no decoding needed), undefined
 * outside a request (scripts, tests), where auth() decides alone.
 */
async function sessionToken(): Promise<string | null | undefined> {
  let jar;
  try {
    jar = await cookies();
  } catch {
    return undefined;
  }
  const parts = jar.getAll().filter((c) => /^(?:__Secure-)?authjs\.session-token/.test(c.name));
  return parts.length === 0 ? null : parts.map((c) => `${c.name}=${c.value}`).join(";");
}

// Decrypting the session JWT (a key derivation and a JWE decryption) costs milliseconds of CPU per request: a
// cookie's decoded contents (who, under which session version) are reused for a minute, as the cookie cannot change.
const sessionClaims = new TtlCache<{ id: string; version: number } | undefined>(60_000, 5000);
// The account itself (role, session version) is re-read every two seconds at most, and at once in this process
// after a change made here (forgetUser): a role change or a revoked session takes effect on the next request.
// One per process (lib/process-singleton.ts), so forgetting an account in a server action reaches the route handlers.
const usersById = processSingleton("authz.usersById", () => new TtlCache<User | undefined>(2000, 5000));

async function claimsOfSession(): Promise<{ id: string; version: number } | undefined> {
  const session = await auth();
  const id = session?.user?.id;
  return id ? { id, version: (session as { sessionVersion?: number }).sessionVersion ?? 0 } : undefined;
}

async function userOfClaims(claims: { id: string; version: number } | undefined): Promise<User | undefined> {
  if (!claims) return undefined;
  const user = await usersById.get(claims.id, async () => getUserById(await getDb(), claims.id));
  // A cookie issued before a sign-out, password change or "sign out everywhere" carries an older version.
  return user && user.sessionVersion === claims.version ? user : undefined;
}

// Once per request, however many components ask (header, page, layout).
export const currentUser = cache(async (): Promise<User | undefined> => {
  const token = await sessionToken();
  if (token === null) return undefined;
  return userOfClaims(await (token === undefined ? claimsOfSession() : sessionClaims.get(token, claimsOfSession)));
});

/** After an account changed (role, session version, verified address): every request reads it afresh. */
export function forgetUser(userId: string): void {
  usersById.delete(userId);
}

/** Sign-out, "sign out everywhere": every cookie of the account stops working on its next request. */
export async function endSessions(db: Db, userId: string): Promise<void> {
  await revokeSessions(db, userId);
  forgetUser(userId);
}

/** A role granted or taken away applies to the account's very next request. */
export async function changeRole(db: Db, userId: string, role: Role): Promise<void> {
  await setUserRole(db, userId, role);
  forgetUser(userId);
}

/** For pages and actions: sends anonymous visitors to sign in. */
export async function requireUser(callbackUrl = "/"): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return user;
}

export function hasRole(user: Pick<User, "role"> | undefined, ...roles: Role[]): boolean {
  // Admins may do anything an organiser may.
  return !!user && (user.role === "admin" || roles.includes(user.role));
}

/** For pages: a user without the role sees a 404, as if the page did not exist. */
export async function requireRole(...roles: Role[]): Promise<User> {
  const user = await requireUser();
  if (!hasRole(user, ...roles)) notFound();
  return user;
}

/**
 * Public challenges are visible to all; a private one (a class) to its participants and to those who manage it
 * (admins, its creator, its co-organisers). The organiser role alone opens nothing: another school's organiser is
 * a stranger to this class and gets the same 404 as any competitor.
 */
export async function canSeeChallenge(
  db: Db,
  challenge: Pick<Challenge, "id" | "visibility" | "createdBy">,
  user: User | undefined,
): Promise<boolean> {
  if (challenge.visibility === "public") return true;
  if (!user) return false;
  return (await isParticipant(db, challenge.id, user.id)) || canManageChallenge(db, challenge, user);
}

/**
 * Admins manage every challenge; its creator (an organiser) and its co-organisers (teaching assistants, whatever
 * their role) manage it too.
 */
export async function canManageChallenge(db: Db, challenge: Pick<Challenge, "id" | "createdBy">, user: User | undefined): Promise<boolean> {
  if (!user) return false;
  return managesChallenge(challenge, user, () => isChallengeOrganiser(db, challenge.id, user.id));
}

/** After the signed-in user's own account changed (an address verified): their next request reads it afresh. */
export async function forgetCachedSessionUser(): Promise<void> {
  const user = await currentUser();
  if (user) forgetUser(user.id);
}
