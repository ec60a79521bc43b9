"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/action";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export function RoleForm({
  action,
  userId,
  role,
  roles,
  label,
}: {
  action: Action;
  userId: string;
  role: string;
  roles: readonly string[];
  label: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <select name="role" defaultValue={role} aria-label={label} className="rounded border border-slate-300 px-2 py-1">
        {roles.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <button disabled={pending} className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100">
        Save
      </button>
      {state.error && (
        <span role="alert" className="text-xs text-red-600">
          {state.error}
        </span>
      )}
      {state.success && <span className="text-xs text-emerald-700">{state.success}</span>}
    </form>
  );
}

export function SignOutEverywhereForm({ action, userId, label }: { action: Action; userId: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <button disabled={pending} aria-label={label} className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100">
        Sign out everywhere
      </button>
      {state.error && (
        <span role="alert" className="text-xs text-red-600">
          {state.error}
        </span>
      )}
      {state.success && <span className="text-xs text-emerald-700">{state.success}</span>}
    </form>
  );
}
