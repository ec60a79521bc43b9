"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/auth";
import { getDb } from "@/db";
import { createUser, EmailTakenError } from "@/db/queries/users";
import { validatedAction } from "@/lib/action";
import { hashPassword } from "@/lib/password";
import { safeReturnPath } from "@/lib/return-path";
import { signupIpHash, welcomeNewAccount } from "@/lib/mail/sign-up";
import { signInSchema, signUpSchema } from "@/lib/validations/auth";

function safeCallback(formData: FormData): string {
  return safeReturnPath(formData.get("callbackUrl"));
}

export const signInAction = validatedAction(signInSchema, async (data, formData) => {
  try {
    await signIn("credentials", { email: data.email, password: data.password, redirectTo: safeCallback(formData) });
  } catch (err) {
    // signIn redirects by throwing; only Auth.js's own errors mean bad credentials.
    if (err instanceof AuthError) return { error: "Wrong email or password." };
    throw err;
  }
});

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
    if (err instanceof EmailTakenError) return { error: err.message, fieldErrors: { email: [err.message] } };
    throw err;
  }
  await welcomeNewAccount(user);
  await signIn("credentials", { email: data.email, password: data.password, redirectTo: safeCallback(formData) });
});

/** OAuth sign-in; the provider id comes from a button the page renders only for configured providers. */
export async function oauthSignInAction(provider: "github" | "google", callbackUrl: string): Promise<void> {
  await signIn(provider, { redirectTo: safeReturnPath(callbackUrl) });
}
