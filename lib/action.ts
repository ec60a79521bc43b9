import type { z } from "zod";

/** What every form action returns to `useActionState`. */
export type ActionState = {
  error?: string;
  /** Per-field messages, keyed by input name. */
  fieldErrors?: Record<string, string[]>;
  success?: string;
  /** A value shown to the user once and never again (a new API token). */
  secret?: string;
  /** The submitted values (minus secrets), so a rejected form keeps what was typed. */
  values?: Record<string, string>;
};

const SECRET_FIELDS = new Set(["password", "confirm", "token"]);

/**
 * Wraps a server action: parses FormData with the entity's zod schema (the same
 * schema the form uses) and only calls `fn` with valid data.
 */
export function validatedAction<S extends z.ZodType>(schema: S, fn: (data: z.infer<S>, formData: FormData) => Promise<ActionState | void>) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const raw = Object.fromEntries(formData);
    const values = Object.fromEntries(
      Object.entries(raw).filter(([k, v]) => typeof v === "string" && !SECRET_FIELDS.has(k) && !k.startsWith("$")),
    ) as Record<string, string>;
    const result = schema.safeParse(raw);
    if (!result.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? "form");
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { error: result.error.issues[0]?.message, fieldErrors, values };
    }
    return { values, ...((await fn(result.data, formData)) ?? {}) };
  };
}
