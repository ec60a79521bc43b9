import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { listApiTokens } from "@/db/queries/api-tokens";
import { VerifyEmailNotice } from "@/app/_components/verify-email-notice";
import { requireUser } from "@/lib/authz";
import { verificationSetting } from "@/lib/email-verification";
import { env } from "@/lib/env";
import { createTokenAction, revokeTokenAction } from "./actions";
import { CreateTokenForm, RevokeTokenForm } from "./token-forms";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const user = await requireUser("/profile");
  const db = await getDb();
  const [tokens, verification] = await Promise.all([listApiTokens(db, user.id), verificationSetting(db, Boolean(env().SMTP_URL))]);
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">Your profile</h1>
      <dl className="grid grid-cols-[8rem_1fr] gap-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm">
        <dt className="font-medium text-slate-500">Name</dt>
        <dd>{user.name}</dd>
        <dt className="font-medium text-slate-500">Email</dt>
        <dd>
          {user.email}{" "}
          <span data-testid="email-status" className="text-xs text-slate-500">
            {user.emailVerified ? "(verified)" : "(not verified)"}
          </span>
        </dd>
        <dt className="font-medium text-slate-500">Role</dt>
        <dd data-testid="role">{user.role}</dd>
        <dt className="font-medium text-slate-500">Member since</dt>
        <dd>{user.createdAt.toISOString().slice(0, 10)}</dd>
      </dl>
      <VerifyEmailNotice user={user} required={verification.required} />
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">API tokens</h2>
        <p className="text-sm text-slate-600">
          Tokens let scripts and the command-line client act as you: download data, submit and read scores (see the{" "}
          <Link href="/api-docs" className="text-brand-600 underline">
            API documentation
          </Link>
          ). Only a hash is stored; revoke a token you no longer use.
        </p>
        {tokens.length > 0 && (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="tokens">
              <thead className="text-left text-slate-500">
                <tr>
                  <th className="py-1">Name</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id} className="border-t border-slate-100">
                    <td className="py-1">{t.name}</td>
                    <td>{t.createdAt.toISOString().slice(0, 10)}</td>
                    <td>{t.lastUsedAt ? t.lastUsedAt.toISOString().slice(0, 16).replace("T", " ") : "never"}</td>
                    <td className="text-right">
                      <RevokeTokenForm action={revokeTokenAction} id={t.id} name={t.name} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <CreateTokenForm action={createTokenAction} />
      </section>
    </div>
  );
}
