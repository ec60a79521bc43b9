import { asc, eq, ilike, or, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/password";
import type { Db } from "../client";
import { users, type NewUser, type Role, type User } from "../schema";

export async function getUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

export async function getUserById(db: Db, id: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export class EmailTakenError extends Error {
  constructor(email: string) {
    super(`An account with ${email} already exists. Sign in instead.`);
  }
}

/** Inserts a user; the unique index, not a prior lookup, decides races between two sign-ups. */
export async function createUser(db: Db, user: NewUser & { email: string }): Promise<User> {
  const [row] = await db
    .insert(users)
    .values({ ...user, email: user.email.toLowerCase() })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!row) throw new EmailTakenError(user.email);
  return row;
}

export async function setUserRole(db: Db, id: string, role: Role): Promise<void> {
  await db.update(users).set({ role }).where(eq(users.id, id));
}

/** A new password also ends every session of the account (a thief's copied cookie included). */
export async function setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id));
}

/** Ends every session of the account: cookies issued before carry an older session version (lib/authz.ts). */
export async function revokeSessions(db: Db, id: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id));
}

/** Creates an admin with this email and password unless the email is taken; true if created. */
export async function ensureAdmin(db: Db, email: string, password: string): Promise<boolean> {
  if (await getUserByEmail(db, email)) return false;
  // The operator typed this address into the server's configuration: it needs no mailed proof.
  await createUser(db, {
    email,
    name: email.split("@")[0],
    passwordHash: await hashPassword(password),
    role: "admin",
    emailVerified: new Date(),
  });
  return true;
}

/** Users for the admin's list, optionally matching a name or email fragment. */
export async function listUsers(db: Db, p: { search?: string; limit: number }) {
  const q = p.search?.trim();
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(like ? or(ilike(users.email, like), ilike(users.name, like)) : undefined)
    .orderBy(asc(users.email))
    .limit(p.limit);
}
