import { randomBytes } from "node:crypto";
import { CredentialsSignin } from "next-auth";
import type { Db } from "@/db";
import { clearSignInAttempts, settleSignInAttempt, takeSignInAttempt, type ThrottlePolicy } from "@/db/queries/sign-in-throttle";
import { getUserByEmail } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { hashPassword, verifyPassword } from "./password";

/** Five tries per account, then waits of 1, 2, 4, … s up to 15 min: about 20 guesses an hour (ASVS 2.2.1 allows 100). */
export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, windowSeconds: 3600, maxLockSeconds: 900 };
/** Per network address, generous enough for a class signing in behind one NAT (successes do not count). */
export const ADDRESS_POLICY: ThrottlePolicy = { free: 30, windowSeconds: 3600, maxLockSeconds: 900 };

/** Too many attempts: Auth.js passes the code to the form and into the sign-in route's redirect. */
export class SignInThrottled extends CredentialsSignin {
  constructor(readonly retryAfterSeconds: number) {
    super();
    this.code = `throttled_${retryAfterSeconds}`;
  }
}

/** The wait in seconds a SignInThrottled code carries, or undefined for any other code. */
export function throttledSeconds(code: string | undefined): number | undefined {
  const m = /^throttled_(\d+)$/.exec(code ?? "");
  return m ? Number(m[1]) : undefined;
}

export function throttledMessage(seconds: number): string {
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many sign-in attempts for this account or from your network. Try again in ${wait}.`;
}

// Unknown emails still pay for one scrypt, against this throw-away hash, so the answer's timing does not tell
// which emails have accounts.
let dummyHash: Promise<string> | undefined;

/**
 * Checks an email and password with throttling per account and per address: the user, null for wrong credentials
 * (the same work whether or not the email exists), or SignInThrottled.
 */
export async function checkCredentials(
  db: Db,
  email: string,
  password: string,
  address: string | undefined,
  policies = { account: ACCOUNT_POLICY, address: ADDRESS_POLICY },
  // Tests pass their own clock so a back-off is checked without sleeping through it on a busy machine.
  now: () => Date = () => new Date(),
): Promise<User | null> {
  const accountKey = `account:${email.toLowerCase()}`;
  const accountWait = await takeSignInAttempt(db, accountKey, policies.account, now());
  if (accountWait > 0) throw new SignInThrottled(accountWait);
  const addressKey = address ? `ip:${address}` : undefined;
  if (addressKey) {
    const addressWait = await takeSignInAttempt(db, addressKey, policies.address, now());
    if (addressWait > 0) {
      await settleSignInAttempt(db, accountKey, policies.account);
      throw new SignInThrottled(addressWait);
    }
  }
  const user = await getUserByEmail(db, email);
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  if (!user?.passwordHash || !matches) return null;
  await clearSignInAttempts(db, accountKey);
  if (addressKey) await settleSignInAttempt(db, addressKey, policies.address);
  return user;
}
