"use client";

import { useActionState } from "react";
import { FormError } from "@/app/_components/form-fields";
import type { ActionState } from "@/lib/action";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** Names and creates a token, then shows its secret once. */
export function CreateTokenForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-2">
      <label htmlFor="token-name" className="block text-sm font-medium">
        New token name
      </label>
      <div className="flex gap-2">
        <input id="token-name" name="name" placeholder="laptop notebook" className="rounded border border-slate-300 px-3 py-1.5 text-sm" />
        <button disabled={pending} className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700 disabled:opacity-60">
          Create token
        </button>
      </div>
      <FormError message={state.error} />
      {state.success && <p className="text-sm text-emerald-700">{state.success}</p>}
      {state.secret && (
        <output data-testid="new-token" className="block break-all rounded bg-slate-900 px-3 py-2 font-mono text-sm text-emerald-300">
          {state.secret}
        </output>
      )}
    </form>
  );
}

export function RevokeTokenForm({ action, id, name }: { action: Action; id: number; name: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <button
        disabled={pending}
        aria-label={`Revoke ${name}`}
        className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100"
      >
        Revoke
      </button>
      <FormError message={state.error} />
    </form>
  );
}
