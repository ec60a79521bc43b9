"use client";

import { useRef, useState } from "react";
import { FormError } from "@/app/_components/form-fields";
import { openCreatedChallenge } from "./open-created-challenge";

/** Uploads a challenge bundle (zip) to the API and opens the new challenge's manage page. */
export function ImportBundleForm() {
  const fileRef = useRef<HTMLInputElement>(null);
  const slugRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return setError("Choose a bundle (.zip) first.");
    setPending(true);
    setError(undefined);
    const slug = slugRef.current?.value.trim();
    const res = await fetch(`/api/v1/bundles${slug ? `?slug=${encodeURIComponent(slug)}` : ""}`, {
      method: "POST",
      body: file,
      headers: { "Content-Type": "application/zip" },
    });
    setPending(false);
    setError(await openCreatedChallenge(res));
  }
  return (
    <form onSubmit={submit} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold">Import a challenge bundle</h2>
      <label htmlFor="bundle-file" className="block text-sm font-medium">
        Bundle (.zip, as exported from a manage page or `npm run challenge:export`)
      </label>
      <input id="bundle-file" ref={fileRef} type="file" accept=".zip,application/zip" className="block text-sm" />
      <label htmlFor="bundle-slug" className="block text-sm font-medium">
        New slug (optional)
      </label>
      <input id="bundle-slug" ref={slugRef} className="rounded border border-slate-300 px-3 py-1.5 text-sm" />
      <FormError message={error} />
      <button disabled={pending} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60">
        {pending ? "Importing…" : "Import"}
      </button>
    </form>
  );
}
