import { resendVerificationAction } from "@/app/(auth)/mail-actions";
import type { User } from "@/db/schema";
import { ActionForm } from "./action-form";

/** Tells an unverified user what verification unlocks, with a button that mails a new link. */
export function VerifyEmailNotice({ user, required }: { user: Pick<User, "email" | "emailVerified">; required: boolean }) {
  if (user.emailVerified) return null;
  return (
    <div className="space-y-2 rounded border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="verify-email-notice">
      <p>
        {required
          ? `Verify your address ${user.email} to submit and to join classes limited to school addresses: open the link we mailed you.`
          : `Your address ${user.email} is not verified yet. Nothing needs it today, but some classes require a verified address.`}
      </p>
      <ActionForm action={resendVerificationAction} button="Send me a new link" />
    </div>
  );
}
