import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb, type Db } from "@/db";
import { isChallengeOrganiser, isParticipant } from "@/db/queries/challenges";
import { getUserById } from "@/db/queries/users";
import type { Challenge, Role, User } from "@/db/schema";
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

// Decrypting the session JWT (a key derivation and a JWE decryption) and loading the user cost milliseconds of CPU
// per request; a signed-in visitor's pages and polls reuse the result for ten seconds. A role change or sign-out
// therefore takes effect within ten seconds (sign-out at once: the cookie, the cache key, is gone).
const sessionUsers = new TtlCache<User | undefined>(10_000, 5000);

async function userOfSession(): Promise<User | undefined> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return undefined;
  return getUserById(await getDb(), id);
}

// Once per request, however many components ask (header, page, layout).
export const currentUser = cache(async (): Promise<User | undefined> => {
  const token = await sessionToken();
  if (token === null) return undefined;
  return token === undefined ? userOfSession() : sessionUsers.get(token, userOfSession);
});

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

/** Public challenges are visible to all; private ones to their participants and to organisers. */
export async function canSeeChallenge(
  db: Db,
  challenge: Pick<Challenge, "id" | "visibility">,
  user: User | undefined,
): Promise<boolean> {
  if (challenge.visibility === "public" || hasRole(user, "organiser")) return true;
  return user !== undefined && isParticipant(db, challenge.id, user.id);
}

/**
 * Admins manage every challenge; its creator (an organiser) and its co-organisers (teaching assistants, whatever
 * their role) manage it too.
 */
export async function canManageChallenge(
  db: Db,
  challenge: Pick<Challenge, "id" | "createdBy">,
  user: User | undefined,
): Promise<boolean> {
  if (!user) return false;
  if (user.role === "admin") return true;
  if (challenge.createdBy === user.id && user.role === "organiser") return true;
  return isChallengeOrganiser(db, challenge.id, user.id);
}

/** After the signed-in user's own account changed (an address verified): their next request reads it afresh. */
export async function forgetCachedSessionUser(): Promise<void> {
  const token = await sessionToken();
  if (token) sessionUsers.delete(token);
}
