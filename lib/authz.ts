import { notFound, redirect } from "next/navigation";
import { auth } from "@/auth";
import { getDb } from "@/db";
import { getUserById } from "@/db/queries/users";
import type { Role, User } from "@/db/schema";

/**
 * The one place roles are checked. Every page, action and route handler that
 * needs a signed-in user or a role goes through these.
 */
export async function currentUser(): Promise<User | undefined> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return undefined;
  return getUserById(await getDb(), id);
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
