import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { apiTokens, users, type User } from "@/db/schema";

/** Every token starts with this, so leaked ones are easy to grep for (as GitHub's `ghp_`). */
export const TOKEN_PREFIX = "ca_";

// Tokens are 32 random bytes: a fast hash is enough (no dictionary to attack), and
// a slow KDF would cost every API call.
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface TokenSummary {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** Creates a token for `userId`; the plain token is returned once and never stored. */
export async function createApiToken(db: Db, userId: string, name: string): Promise<{ token: string; summary: TokenSummary }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, tokenHash: hashToken(token) })
    .returning({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt });
  if (!row) throw new Error("insert returned nothing");
  return { token, summary: row };
}

/** The user's live (unrevoked) tokens, newest first. */
export async function listApiTokens(db: Db, userId: string): Promise<TokenSummary[]> {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.id));
}

/** Revokes one of the user's own tokens; false when there is no such live token of theirs. */
export async function revokeApiToken(db: Db, userId: string, tokenId: number): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/**
 * The user a presented token belongs to (with the token's id), or undefined when it is
 * unknown or revoked. Last use is recorded at most once a minute per token, so a busy
 * script does not turn every read into a write.
 */
export async function userForToken(db: Db, token: string): Promise<{ user: User; tokenId: number } | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const [row] = await db
    .select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return undefined;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(apiTokens.id, row.tokenId));
  }
  return { user: row.user, tokenId: row.tokenId };
}
