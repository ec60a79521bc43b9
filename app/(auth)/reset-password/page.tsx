import type { Metadata } from "next";
import { resetPasswordAction } from "../mail-actions";
import { ResetPasswordForm } from "../mail-forms";

// The token is in this page's URL: no Referer may carry it to another site.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <div className="mx-auto max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-xl font-semibold">Choose a new password</h1>
      <ResetPasswordForm action={resetPasswordAction} token={token ?? ""} />
    </div>
  );
}
