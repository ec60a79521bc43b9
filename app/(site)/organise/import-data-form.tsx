"use client";

import { useState } from "react";
import { FormError } from "@/app/_components/form-fields";
import { openCreatedChallenge } from "./open-created-challenge";

const input = "rounded border border-slate-300 px-3 py-1.5 text-sm";

/** A way to make a challenge from an organiser's own files, as its kind's declaration describes it (challenges/kind.ts KindUpload). */
export interface UploadOption {
  id: string;
  label: string;
  files: readonly { name: string; label: string }[];
  fields: readonly { name: string; label: string; options?: readonly { value: string; label: string }[]; optional?: boolean }[];
}

/**
 * Real data from the browser (the CERN HiggsML open-data file, the LHC Olympics R&D files, a tabular challenge's
 * train.csv, test.csv and answer key…): every kind's uploads, each one's inputs drawn from its declaration.
 */
export function ImportDataForm({ uploads }: { uploads: readonly UploadOption[] }) {
  const [kind, setKind] = useState(uploads[0]?.id ?? "");
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(undefined);
    const res = await fetch("/api/v1/imports", { method: "POST", body: new FormData(e.currentTarget) });
    setPending(false);
    setError(await openCreatedChallenge(res));
  }
  return (
    <form onSubmit={submit} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold">Create a challenge from real data files</h2>
      <label className="block text-sm">
        Data{" "}
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)} className={`${input} w-full max-w-full`}>
          {uploads.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
      </label>
      <div className="flex flex-wrap gap-3 text-sm">
        <label>
          Title <input name="title" className={input} />
        </label>
        <label>
          Slug <input name="slug" className={input} />
        </label>
      </div>
      {uploads
        .filter((u) => u.id === kind)
        .map((u) => (
          <div key={u.id} className="space-y-2 text-sm">
            {u.files.map((f) => (
              <label key={f.name} className="block">
                {f.label} <input name={f.name} type="file" accept=".csv,.gz" />
              </label>
            ))}
            {u.fields.map((f) => (
              <label key={f.name} className="block">
                {f.label}{" "}
                {f.options ? (
                  <select name={f.name} className={`${input} w-full max-w-full`}>
                    {f.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input name={f.name} className={input} />
                )}
              </label>
            ))}
          </div>
        ))}
      <FormError message={error} />
      <button disabled={pending} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60">
        {pending ? "Checking and importing…" : "Import"}
      </button>
    </form>
  );
}
