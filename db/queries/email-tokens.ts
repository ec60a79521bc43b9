import { randomBytes } from "node:crypto";
import { and, count, desc, eq, gt, gte, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { emailTokens, users, type EmailTokenPurpose } from "../schema";
import { hashToken } from "./api-tokens";

export interface NewEmailToken {
  userId: string;
  purpose: EmailTokenPurpose;
  email: string;
  ttlMs: number;
  now?: Date;
}

/** Creates a single-use token for a mailed link; the plain token is returned once and only its hash is stored. */
export async function createEmailToken(db: Db, p: NewEmailToken): Promise<string> {
  const now = p.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  await db.insert(emailTokens).values({
    userId: p.userId,
    purpose: p.purpose,
    email: p.email,
    tokenHash: hashToken(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + p.ttlMs),
  });
  return token;
}

/**
 * Uses a token up: one conditional update, so of two concurrent uses (a double click, a replayed link) exactly one
 * gets the row. Unknown, used, expired and other-purpose tokens all come back undefined.
 */
export async function consumeEmailToken(
  db: Db,
  token: string,
  purpose: EmailTokenPurpose,
  now = new Date(),
): Promise<{ userId: string; email: string } | undefined> {
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .returning({ userId: emailTokens.userId, email: emailTokens.email });
  return row;
}

/** How many tokens of this purpose the user was sent since `since`, and when the last one was (for rate limits). */
export async function recentEmailTokens(
  db: Db,
  userId: string,
  purpose: EmailTokenPurpose,
  since: Date,
): Promise<{ count: number; last: Date | undefined }> {
  const where = and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), gte(emailTokens.createdAt, since));
  const [[n], [last]] = await Promise.all([
    db.select({ n: count() }).from(emailTokens).where(where),
    db.select({ at: emailTokens.createdAt }).from(emailTokens).where(where).orderBy(desc(emailTokens.createdAt)).limit(1),
  ]);
  return { count: Number(n?.n ?? 0), last: last?.at };
}

/** Voids the user's unused tokens of this purpose (after a reset, older reset links must stop working). */
export async function voidEmailTokens(db: Db, userId: string, purpose: EmailTokenPurpose, now = new Date()): Promise<void> {
  await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
}

/** Marks the address verified, if the account still has the address the link was sent to; true if it did. */
export async function markEmailVerified(db: Db, userId: string, email: string, now = new Date()): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ emailVerified: now })
    .where(and(eq(users.id, userId), eq(users.email, email)))
    .returning({ id: users.id });
  return rows.length === 1;
}
