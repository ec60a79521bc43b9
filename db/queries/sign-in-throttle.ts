import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { signInThrottle } from "../schema";

export interface ThrottlePolicy {
  /** Attempts allowed before any wait. */
  free: number;
  /** Attempts older than this are forgotten. */
  windowSeconds: number;
  /** The longest wait: the doubling stops here. */
  maxLockSeconds: number;
}

const t = sql.raw(`"sign_in_throttle"`);

/**
 * Counts one attempt for `key` unless it is locked; returns 0 when the attempt may go ahead, else the seconds to
 * wait. From the `free`-th attempt in the window on, each one locks the key for 1, 2, 4, … s (at most
 * `maxLockSeconds`). One statement, so parallel attempts queue on the row and cannot all pass as "not locked yet".
 */
export async function takeSignInAttempt(db: Db, key: string, policy: ThrottlePolicy, now = new Date()): Promise<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const windowStart = sql`${new Date(now.getTime() - policy.windowSeconds * 1000).toISOString()}::timestamptz`;
  const counted = sql`(case when ${t}."last_at" < ${windowStart} then 1 else ${t}."attempts" + 1 end)`;
  const lockFor = (n: SQL) =>
    sql`(case when ${n} >= ${policy.free} then ${at} + least(power(2, ${n} - ${policy.free}), ${policy.maxLockSeconds}) * interval '1 second' end)`;
  const firstLock = policy.free <= 1 ? new Date(now.getTime() + 1000) : null;
  const [row] = await db
    .insert(signInThrottle)
    .values({ key, attempts: 1, lastAt: now, lockedUntil: firstLock })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: { attempts: counted, lastAt: now, lockedUntil: lockFor(counted) },
      setWhere: sql`${t}."locked_until" is null or ${t}."locked_until" <= ${at} or ${t}."last_at" < ${windowStart}`,
    })
    .returning({ key: signInThrottle.key });
  if (row) return 0;
  const [locked] = await db.select({ until: signInThrottle.lockedUntil }).from(signInThrottle).where(eq(signInThrottle.key, key));
  return Math.max(1, Math.ceil(((locked?.until?.getTime() ?? now.getTime()) - now.getTime()) / 1000));
}

/** A successful sign-in: its own attempt no longer counts against the key (a classroom behind one address). */
export async function settleSignInAttempt(db: Db, key: string, policy: ThrottlePolicy): Promise<void> {
  await db
    .update(signInThrottle)
    .set({
      attempts: sql`greatest(${t}."attempts" - 1, 0)`,
      lockedUntil: sql`case when ${t}."attempts" - 1 >= ${policy.free} then ${t}."locked_until" end`,
    })
    .where(eq(signInThrottle.key, key));
}

/** The account's owner got in: their earlier mistakes are forgiven. */
export async function clearSignInAttempts(db: Db, key: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}
