import { headers } from "next/headers";
import type { User } from "@/db/schema";
import { clientIp, ipHash } from "../client-ip";
import { sendVerificationMail } from "../email-verification";
import { env } from "../env";
import { mailContext } from "./site";

/** The keyed hash of the signing-up request's address; undefined where the address or the key is unknown. */
export async function signupIpHash(): Promise<string | undefined> {
  const ip = clientIp(await headers());
  const secret = env().AUTH_SECRET;
  return ip && secret ? ipHash(ip, secret) : undefined;
}

/**
 * Mails a new account its verification link. Always sent, required or not, so an address is already verified on the
 * day an admin turns the requirement on. A mail that fails to go out must not undo the sign-up: the profile page
 * can send another.
 */
export async function welcomeNewAccount(user: Pick<User, "id" | "email" | "name">): Promise<void> {
  try {
    const { db, mailer, baseUrl } = await mailContext();
    await sendVerificationMail(db, mailer, user, baseUrl);
  } catch (err) {
    console.error(`verification mail to ${user.email} failed:`, err);
  }
}
