"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/auth";
import { getDb } from "@/db";
import { createUser, EmailTakenError } from "@/db/queries/users";
import { validatedAction } from "@/lib/action";
import { hashPassword } from "@/lib/password";
import { safeReturnPath } from "@/lib/return-path";
import { signupIpHash, welcomeNewAccount } from "@/lib/mail/sign-up";
import { throttledMessage, throttledSeconds } from "@/lib/sign-in-guard";
import { signInSchema, signUpSchema } from "@/lib/validations/auth";

function safeCallback(formData: FormData): string {
  return safeReturnPath(formData.get("callbackUrl"));
}

export const signInAction = validatedAction(signInSchema, async (data, formData) => {
  try {
    await signIn("credentials", { email: data.email, password: data.password, redirectTo: safeCallback(formData) });
  } catch (err) {
    // signIn redirects by throwing; only Auth.js's own errors mean bad credentials.
    const wait = err instanceof CredentialsSignin ? throttledSeconds(err.code) : undefined;
    if (wait !== undefined) return { error: throttledMessage(wait) };
    if (err instanceof AuthError) return { error: "Wrong email or password." };
    throw err;
  }
});

const SIGN_UP_REFUSED = "We could not create an account with these details. If you already have one, sign in instead.";

export const signUpAction = validatedAction(signUpSchema, async (data, formData) => {
  const db = await getDb();
  let user;
  try {
    user = await createUser(db, {
      name: data.name,
      email: data.email,
      passwordHash: await hashPassword(data.password),
      signupIpHash: await signupIpHash(),
    });
  } catch (err) {
    // Neither the email field nor the message confirms that this address has an account (a confirmation mail, which
    // answers every sign-up alike, would hide even that the sign-up failed).
    if (err instanceof EmailTakenError) return { error: SIGN_UP_REFUSED };
    throw err;
  }
  await welcomeNewAccount(user);
  await signIn("credentials", { email: data.email, password: data.password, redirectTo: safeCallback(formData) });
});

/** OAuth sign-in; the provider id comes from a button the page renders only for configured providers. */
export async function oauthSignInAction(provider: "github" | "google", callbackUrl: string): Promise<void> {
  await signIn(provider, { redirectTo: safeReturnPath(callbackUrl) });
}
