import type { Db } from "@/db";
import { forgetUser } from "@/lib/authz";
import { consumeEmailToken, markEmailVerified, recentEmailTokens, voidEmailTokens } from "@/db/queries/email-tokens";
import { getUserByEmail, setPasswordHash } from "@/db/queries/users";
import { issueMailLink } from "./mail/links";
import type { Mailer } from "./mail/mailer";
import { hashPassword } from "./password";
import { passwordMatchesEmail } from "./validations/auth";

export const RESET_TTL_MS = 3600_000;
/** Reset mails per account per hour: enough for a lost mail, too few to flood someone's inbox through the form. */
export const RESETS_PER_HOUR = 3;

/** What the form says whatever happened, so it cannot be used to learn which addresses have accounts. */
export const RESET_REQUESTED_MESSAGE =
  "If an account uses this address, we have sent it a link to choose a new password. The link works once, for an hour.";

/**
 * Mails a reset link when the address has an account with a password and is under its hourly limit; otherwise
 * does nothing. Callers show RESET_REQUESTED_MESSAGE either way.
 */
export async function requestPasswordReset(db: Db, mailer: Mailer, email: string, baseUrl: string, now = new Date()): Promise<void> {
  const user = await getUserByEmail(db, email);
  if (!user?.email) return;
  const recent = await recentEmailTokens(db, user.id, "reset", new Date(now.getTime() - 3600_000));
  if (recent.count >= RESETS_PER_HOUR) return;
  const link = await issueMailLink(
    db,
    { userId: user.id, purpose: "reset", email: user.email, ttlMs: RESET_TTL_MS, now },
    baseUrl,
    "/reset-password",
  );
  await mailer.send({
    to: user.email,
    subject: "Collider Arena: choose a new password",
    text: [
      "Someone (we hope you) asked to reset the password of your Collider Arena account.",
      "",
      "Choose a new password here (the link works once, for an hour):",
      "",
      link,
      "",
      "If it was not you, ignore this mail: your password stays as it is.",
    ].join("\n"),
  });
}

class PasswordIsEmail extends Error {}

export type ResetOutcome = "done" | "invalid-link" | "password-is-email";

/**
 * Sets a new password through a reset link (the password already passed passwordSchema; here it must also not be
 * the account's email, which only the link's row knows). The link is used up, and so are the account's other reset
 * links; the address counts as verified. A refused password leaves the link usable.
 */
export async function resetPassword(db: Db, token: string, password: string, now = new Date()): Promise<ResetOutcome> {
  // Hash first: scrypt is slow, and a transaction should not wait on it.
  const hash = await hashPassword(password);
  let userId: string | undefined;
  try {
    userId = await db.transaction(async (tx) => {
      const used = await consumeEmailToken(tx, token, "reset", now);
      if (!used) return undefined;
      // Thrown, not returned: the transaction rolls back and the link stays unused for a better password.
      if (passwordMatchesEmail(password, used.email)) throw new PasswordIsEmail();
      await setPasswordHash(tx, used.userId, hash);
      await voidEmailTokens(tx, used.userId, "reset", now);
      // Opening a link mailed to the address proves control of it, as a verification link would.
      await markEmailVerified(tx, used.userId, used.email, now);
      return used.userId;
    });
  } catch (err) {
    if (err instanceof PasswordIsEmail) return "password-is-email";
    throw err;
  }
  if (!userId) return "invalid-link";
  // The new password ended the account's sessions (a thief's included): from its next request on, here too.
  forgetUser(userId);
  return "done";
}
