import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/client-ip";
import { checkCredentials } from "@/lib/sign-in-guard";
import { signInSchema } from "@/lib/validations/auth";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

/**
 * Auth.js v5 (next-auth 5.0.0-beta.32). Configured lazily so the database is
 * opened on first use rather than at import (and never during `next build`).
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async (): Promise<NextAuthConfig> => {
  const e = env();
  const db = await getDb();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await checkCredentials(db, parsed.data.email, parsed.data.password, clientIp(request.headers));
        return user && { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion };
      },
    }),
  ];
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) providers.push(GitHub);
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) providers.push(Google);
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    // Credentials sign-in only works with JWT sessions; roles are re-read from
    // the database on each check (lib/authz.ts) so a role change applies at once.
    // A week without signing in again; every cookie is voided at once by a sign-out, a password change or an
    // admin's "sign out everywhere" (the session version, checked on each request in lib/authz.ts).
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    secret: e.AUTH_SECRET,
    trustHost: true,
    logger: {
      // A wrong password is routine, not an error worth a stack trace in the log (nor a log line per guess).
      error(error) {
        if (!(error instanceof CredentialsSignin)) console.error(error);
      },
    },
    pages: { signIn: "/sign-in" },
    providers,
    callbacks: {
      jwt({ token, user }) {
        // At sign-in (credentials, or OAuth through the adapter's row) the cookie records the account's version.
        if (user) token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return { ...session, sessionVersion: typeof token.sessionVersion === "number" ? token.sessionVersion : 0 };
      },
    },
  };
});
