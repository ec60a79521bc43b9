import type { Metadata } from "next";
import { ActionForm } from "@/app/_components/action-form";
import { confirmEmailAction } from "../mail-actions";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };

/**
 * The mailed link lands here and a button confirms: opening the page changes nothing, so a mail scanner that
 * fetches links does not use the token up.
 */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <div className="mx-auto max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">Confirm your email address</h1>
      <ActionForm action={confirmEmailAction} hidden={{ token: token ?? "" }} button="Confirm my address" />
    </div>
  );
}
