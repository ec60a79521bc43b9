"use client";

import { useActionState, type ReactNode } from "react";
import { FormError } from "@/app/_components/form-fields";
import type { ActionState } from "@/lib/action";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * A server action as a form: hidden values, the caller's fields, one button, and the result (message, error, or a
 * one-time secret such as new passwords) underneath.
 */
export function ActionForm({
  action,
  button,
  children,
  hidden,
  secretName,
}: {
  action: Action;
  button: string;
  children?: ReactNode;
  hidden?: Record<string, string>;
  /** File name for downloading a returned secret (CSV). */
  secretName?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
      <button disabled={pending} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60">
        {button}
      </button>
      <FormError message={state.error} />
      {state.success && <p className="text-sm text-emerald-700">{state.success}</p>}
      {state.secret && (
        <div className="space-y-1">
          <pre data-testid="secret" className="max-h-64 overflow-auto rounded bg-slate-900 p-3 text-xs text-emerald-300">
            {state.secret}
          </pre>
          {secretName && (
            <a
              download={secretName}
              href={`data:text/csv;charset=utf-8,${encodeURIComponent(state.secret)}`}
              className="text-sm text-brand-600 underline"
            >
              Download {secretName}
            </a>
          )}
        </div>
      )}
    </form>
  );
}
