"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { validatedAction } from "@/lib/action";
import { forgetCachedSessionUser, requireUser } from "@/lib/authz";
import { confirmEmail, MailRateLimitError, sendVerificationMail } from "@/lib/email-verification";
import { mailContext } from "@/lib/mail/site";
import { requestPasswordReset, RESET_REQUESTED_MESSAGE, resetPassword } from "@/lib/password-reset";
import { forgotPasswordSchema, resetPasswordSchema } from "@/lib/validations/auth";

export const forgotPasswordAction = validatedAction(forgotPasswordSchema, async ({ email }) => {
  const { db, mailer, baseUrl } = await mailContext();
  try {
    await requestPasswordReset(db, mailer, email, baseUrl);
  } catch (err) {
    // A mail server's failure must not tell the asker whether the account exists: log it, answer as always.
    console.error("password reset mail failed:", err);
  }
  return { success: RESET_REQUESTED_MESSAGE };
});

export const resetPasswordAction = validatedAction(resetPasswordSchema, async ({ token, password }) => {
  const outcome = await resetPassword(await getDb(), token, password);
  if (outcome === "invalid-link") {
    return { error: "This link is used, expired or wrong: ask for a new one on the “Forgot password?” page." };
  }
  if (outcome === "password-is-email") {
    const message = "The password must not be your email or contain its name part";
    return { error: message, fieldErrors: { password: [message] } };
  }
  return { success: "Your password is changed: sign in with it now." };
});

export const confirmEmailAction = validatedAction(z.object({ token: z.string().min(1).max(200) }), async ({ token }) => {
  const done = await confirmEmail(await getDb(), token);
  if (!done) return { error: "This link is used, expired or wrong: send yourself a new one from your profile page." };
  await forgetCachedSessionUser();
  return { success: `${done.email} is verified: you can join classes and submit.` };
});

/** Sends the signed-in user a new verification link (rate limited). */
export const resendVerificationAction = validatedAction(z.object({}), async () => {
  const user = await requireUser("/profile");
  if (user.emailVerified) return { success: "Your address is already verified." };
  const { db, mailer, baseUrl, smtp } = await mailContext();
  try {
    await sendVerificationMail(db, mailer, user, baseUrl);
  } catch (err) {
    if (err instanceof MailRateLimitError) return { error: err.message };
    console.error("verification mail failed:", err);
    return { error: "The mail could not be sent just now: try again in a few minutes." };
  }
  return { success: smtp ? `We sent a link to ${user.email}.` : "The link is in the site's outbox (ask the admin) and in the server log." };
});
