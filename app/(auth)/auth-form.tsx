"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { authHref } from "@/lib/return-path";
import { Field, FormError } from "../_components/form-fields";

type Mode = "sign-in" | "sign-up";

export function AuthForm({
  mode,
  action,
  callbackUrl,
}: {
  mode: Mode;
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  callbackUrl: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  const f = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {mode === "sign-up" && <Field label="Name" name="name" autoComplete="name" defaultValue={v.name} errors={f.name} required />}
      <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={v.email} errors={f.email} required />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
        errors={f.password}
        required
      />
      {mode === "sign-in" && (
        <p className="text-right text-sm">
          <Link href="/forgot-password" className="text-brand-600 underline">
            Forgot password?
          </Link>
        </p>
      )}
      {/* Field errors are shown by their inputs; the banner carries the rest. */}
      <FormError message={Object.keys(f).length ? undefined : state.error} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Please wait…" : mode === "sign-up" ? "Create account" : "Sign in"}
      </button>
      <p className="text-center text-sm text-slate-600">
        {mode === "sign-up" ? (
          <>
            Already have an account?{" "}
            <Link href={authHref("/sign-in", callbackUrl)} className="text-brand-600 underline">
              Sign in
            </Link>
          </>
        ) : (
          <>
            New here?{" "}
            <Link href={authHref("/sign-up", callbackUrl)} className="text-brand-600 underline">
              Create an account
            </Link>
          </>
        )}
      </p>
    </form>
  );
}
