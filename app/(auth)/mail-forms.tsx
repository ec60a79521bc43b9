"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { Field, FormError } from "../_components/form-fields";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

const BUTTON = "w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60";

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotPasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  const f = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={state.values?.email} errors={f.email} required />
      <FormError message={Object.keys(f).length ? undefined : state.error} />
      {state.success && (
        <p role="status" className="text-sm text-emerald-700">
          {state.success}
        </p>
      )}
      <button type="submit" disabled={pending} className={BUTTON}>
        {pending ? "Please wait…" : "Send me a link"}
      </button>
    </form>
  );
}

/** Chooses a new password with the token from the mailed link. */
export function ResetPasswordForm({ action, token }: { action: Action; token: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const f = state.fieldErrors ?? {};
  if (state.success) {
    return (
      <p role="status" className="text-sm text-emerald-700">
        {state.success}{" "}
        <Link href="/sign-in" className="text-brand-600 underline">
          Sign in
        </Link>
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <Field label="New password" name="password" type="password" autoComplete="new-password" errors={f.password} required />
      <Field label="New password again" name="confirm" type="password" autoComplete="new-password" errors={f.confirm} required />
      <FormError message={f.password || f.confirm ? undefined : state.error} />
      <button type="submit" disabled={pending} className={BUTTON}>
        {pending ? "Please wait…" : "Set the new password"}
      </button>
    </form>
  );
}
