"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/action";
import { FormError } from "@/app/_components/form-fields";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export function CodeForm({
  slug,
  action,
  label,
  button,
  field = "code",
}: {
  slug: string;
  action: Action;
  label: string;
  button: string;
  field?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = `code-${button.replace(/\s+/g, "-").toLowerCase()}`;
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input id={id} name={field} className="rounded border border-slate-300 px-3 py-1.5 font-mono text-sm" />
        <button disabled={pending} className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700 disabled:opacity-60">
          {button}
        </button>
      </div>
      <FormError message={state.error} />
      {state.success && <p className="text-sm text-emerald-700">{state.success}</p>}
    </form>
  );
}

export function LeaveForm({ slug, action }: { slug: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <button disabled={pending} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">
        Leave the team
      </button>
      <FormError message={state.error} />
      {state.success && <p className="text-sm text-emerald-700">{state.success}</p>}
    </form>
  );
}
