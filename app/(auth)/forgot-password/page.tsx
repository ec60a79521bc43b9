import type { Metadata } from "next";
import { forgotPasswordAction } from "../mail-actions";
import { ForgotPasswordForm } from "../mail-forms";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">Forgot your password?</h1>
      <p className="mb-4 text-sm text-slate-600">Enter your account&apos;s address: we mail it a link to choose a new password.</p>
      <ForgotPasswordForm action={forgotPasswordAction} />
    </div>
  );
}
