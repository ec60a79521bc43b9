"use client";

import { useState } from "react";
import { FormError } from "@/app/_components/form-fields";
import { openCreatedChallenge } from "./open-created-challenge";

const input = "rounded border border-slate-300 px-3 py-1.5 text-sm";

/** Real data from the browser: the CERN HiggsML open-data file, or the LHC Olympics R&D train and test files. */
export function ImportDataForm() {
  const [kind, setKind] = useState("higgs-cern");
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
          <option value="higgs-cern">CERN open-data HiggsML file (atlas-higgs-challenge-2014-v2.csv[.gz])</option>
          <option value="higgs-kaggle">HiggsML CSVs in Kaggle&apos;s format (training with Weight and Label, test, solution with Usage)</option>
          <option value="lhco">LHC Olympics 2020 R&amp;D features (train and test files)</option>
        </select>
      </label>
      <div className="flex flex-wrap gap-3 text-sm">
        <label>Title <input name="title" className={input} /></label>
        <label>Slug <input name="slug" className={input} /></label>
      </div>
      {kind === "higgs-cern" && <label className="block text-sm">File <input name="file" type="file" accept=".csv,.gz" /></label>}
      {kind === "higgs-kaggle" && (
        <div className="flex flex-wrap gap-3 text-sm">
          <label>Training <input name="training" type="file" accept=".csv,.gz" /></label>
          <label>Test <input name="test" type="file" accept=".csv,.gz" /></label>
          <label>Solution <input name="solution" type="file" accept=".csv,.gz" /></label>
        </div>
      )}
      {kind === "lhco" && (
        <div className="flex flex-wrap gap-3 text-sm">
          <label>Train file <input name="train" type="file" accept=".csv,.gz" /></label>
          <label>Test file <input name="test" type="file" accept=".csv,.gz" /></label>
        </div>
      )}
      <FormError message={error} />
      <button disabled={pending} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60">
        {pending ? "Checking and importing…" : "Import"}
      </button>
    </form>
  );
}
