import type { Metadata } from "next";
import { env } from "@/lib/env";
import { safeReturnPath } from "@/lib/return-path";
import { oauthSignInAction, signInAction } from "../actions";
import { AuthForm } from "../auth-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeReturnPath((await searchParams).callbackUrl);
  const e = env();
  const providers = [
    ...(e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET ? [{ id: "github", name: "GitHub" } as const] : []),
    ...(e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET ? [{ id: "google", name: "Google" } as const] : []),
  ];
  return (
    <div className="mx-auto max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <AuthForm mode="sign-in" action={signInAction} callbackUrl={callbackUrl} />
      {providers.length > 0 && (
        <div className="mt-4 space-y-2 border-t border-slate-200 pt-4">
          {providers.map((p) => (
            <form key={p.id} action={oauthSignInAction.bind(null, p.id, callbackUrl)}>
              <button className="w-full rounded border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">Continue with {p.name}</button>
            </form>
          ))}
        </div>
      )}
    </div>
  );
}
