import type { InputHTMLAttributes } from "react";

/** A labelled input with its validation messages underneath. */
export function Field({
  label,
  errors,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; errors?: string[] }) {
  const id = `field-${input.name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        className="w-full rounded border border-slate-300 px-3 py-2 focus:border-brand-500 focus:outline-none"
        aria-invalid={errors?.length ? true : undefined}
        {...input}
      />
      {errors?.map((e) => (
        <p key={e} className="text-sm text-red-600">
          {e}
        </p>
      ))}
    </div>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="whitespace-pre-line rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  );
}
