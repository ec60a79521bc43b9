import type { Db } from "@/db";
import { consumeEmailToken, markEmailVerified, recentEmailTokens } from "@/db/queries/email-tokens";
import { getSiteSetting, setSiteSetting } from "@/db/queries/site-mail";
import type { User } from "@/db/schema";
import { forgetUser } from "./authz";
import { issueMailLink } from "./mail/links";
import type { Mailer } from "./mail/mailer";

export const VERIFY_TTL_MS = 48 * 3600_000;
/** Resends: one a minute and five a day per account, counted in the database so every server process agrees. */
export const RESEND_INTERVAL_MS = 60_000;
export const RESENDS_PER_DAY = 5;

const SETTING = "email_verification";

export type VerificationSetting = { required: boolean; source: "admin" | "default" };

/**
 * Whether accounts must verify their address before joining a domain-restricted class or submitting. An admin's
 * choice wins; without one it follows the mail set-up: on where real mail is sent (SMTP_URL), off in the quick
 * start, so a newcomer's first submission never waits for a mail no one will deliver.
 */
export async function verificationSetting(db: Db, smtpConfigured: boolean): Promise<VerificationSetting> {
  const stored = await getSiteSetting(db, SETTING);
  if (stored === "on" || stored === "off") return { required: stored === "on", source: "admin" };
  return { required: smtpConfigured, source: "default" };
}

export async function setVerificationRequired(db: Db, required: boolean): Promise<void> {
  await setSiteSetting(db, SETTING, required ? "on" : "off");
}

export class EmailUnverifiedError extends Error {
  constructor(action: string) {
    super(`Verify your email address to ${action}: open the link we mailed you, or send a new one from your profile page.`);
  }
}

/** Throws EmailUnverifiedError when verification is required and this account's address is not verified. */
export async function requireVerifiedEmail(
  db: Db,
  user: Pick<User, "emailVerified">,
  smtpConfigured: boolean,
  action: string,
): Promise<void> {
  if (user.emailVerified) return;
  if ((await verificationSetting(db, smtpConfigured)).required) throw new EmailUnverifiedError(action);
}

export class MailRateLimitError extends Error {
  constructor(readonly retryAfterS: number) {
    super(`A link was sent recently: try again in ${retryAfterS >= 120 ? `${Math.ceil(retryAfterS / 60)} minutes` : `${retryAfterS} s`}.`);
  }
}

/** Mails a verification link for the account's address; rate limited (MailRateLimitError says when to retry). */
export async function sendVerificationMail(
  db: Db,
  mailer: Mailer,
  user: Pick<User, "id" | "email" | "name">,
  baseUrl: string,
  now = new Date(),
): Promise<void> {
  if (!user.email) throw new Error("this account has no email address");
  const recent = await recentEmailTokens(db, user.id, "verify", new Date(now.getTime() - 24 * 3600_000));
  if (recent.last && now.getTime() - recent.last.getTime() < RESEND_INTERVAL_MS) {
    throw new MailRateLimitError(Math.ceil((RESEND_INTERVAL_MS - (now.getTime() - recent.last.getTime())) / 1000));
  }
  if (recent.count >= RESENDS_PER_DAY) throw new MailRateLimitError(24 * 3600);
  const link = await issueMailLink(
    db,
    { userId: user.id, purpose: "verify", email: user.email, ttlMs: VERIFY_TTL_MS, now },
    baseUrl,
    "/verify-email",
  );
  await mailer.send({
    to: user.email,
    subject: "Collider Arena: confirm your email address",
    text: [
      `Hello ${user.name ?? ""},`.trim(),
      "",
      "Confirm that this address is yours by opening this link (it works once, for 48 hours):",
      "",
      link,
      "",
      "If you did not create an account on Collider Arena, ignore this mail.",
    ].join("\n"),
  });
}

/** Uses a verification link; the account is verified if it still has the address the link went to. */
export async function confirmEmail(db: Db, token: string, now = new Date()): Promise<{ userId: string; email: string } | undefined> {
  const used = await consumeEmailToken(db, token, "verify", now);
  if (!used) return undefined;
  if (!(await markEmailVerified(db, used.userId, used.email, now))) return undefined;
  // The account is cached for a moment per process: without this, a submission made at once after verifying could
  // still be refused as unverified.
  forgetUser(used.userId);
  return used;
}
