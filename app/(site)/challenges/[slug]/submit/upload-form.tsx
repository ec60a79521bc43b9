"use client";

import { formatScore, type JsonScore } from "@/scoring/score-value";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { DesignEditor } from "./design-editor";

type Row = {
  id: number;
  filename: string;
  description: string;
  status: "queued" | "scoring" | "scored" | "failed";
  error: string | null;
  createdAt: string;
  /** The API's JSON: a score that is not finite comes as "Infinity", "-Infinity" or "NaN" (scoring/score-value.ts). */
  public: { score: JsonScore; std: number | null } | null;
  queuePosition: number | null;
  selectedFinal: boolean;
  model: { sizeBytes: number; operatorCount: number | null; msPer1000: number | null } | null;
};

/** Which files the current phase takes (its submission mode). */
export type Accepts = "predictions" | "models" | "both";

const FILE_LABEL: Record<Accepts, (maxMb: number) => string> = {
  predictions: (maxMb) => `Predictions file (.csv or .csv.gz, at most ${maxMb} MiB)`,
  models: (maxMb) => `ONNX model (.onnx, at most ${maxMb} MB): the server runs it on the hidden test features`,
  both: (maxMb) => `Predictions file (.csv or .csv.gz) or ONNX model (.onnx), at most ${maxMb} MiB`,
};
const FILE_ACCEPT: Record<Accepts, string> = {
  predictions: ".csv,.gz,text/csv,application/gzip",
  models: ".onnx",
  both: ".csv,.gz,.onnx,text/csv,application/gzip",
};

const STATUS_STYLE: Record<Row["status"], string> = {
  queued: "bg-amber-100 text-amber-800",
  scoring: "bg-sky-100 text-sky-800",
  scored: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
};

/** Upload with a progress bar (XHR reports upload progress; fetch does not), then live status by polling. */
export function UploadForm({
  slug,
  precision,
  maxMb,
  designExample,
  accepts = "predictions",
}: {
  slug: string;
  precision: number;
  maxMb: number;
  designExample?: string;
  accepts?: Accepts;
}) {
  const api = `/api/v1/challenges/${slug}/submissions`;
  const [rows, setRows] = useState<Row[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [chosenFile, setChosenFile] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; line?: number } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const descRef = useRef<HTMLInputElement>(null);
  const designRef = useRef<HTMLTextAreaElement>(null);
  // One Idempotency-Key per chosen file (or per design text): pressing Submit again after an error or a lost answer
  // repeats the same upload, which the server counts once; choosing another file or changing the design starts anew.
  const uploadKey = useRef<{ of: string; key: string } | null>(null);

  const refresh = useCallback(async () => {
    const res = await fetch(api, { cache: "no-store" });
    if (res.ok) setRows(((await res.json()) as { submissions: Row[] }).submissions);
  }, [api]);

  useEffect(() => {
    // The first load on mount: the state is set when the fetch answers, not synchronously in the effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
  }, [refresh]);

  const pending = rows.some((r) => r.status === "queued" || r.status === "scoring");
  // When the last submission in flight finishes, the server-rendered rank above is stale: re-render it.
  const router = useRouter();
  const wasPending = useRef(false);
  useEffect(() => {
    if (wasPending.current && !pending) router.refresh();
    wasPending.current = pending;
  }, [pending, router]);
  useEffect(() => {
    if (!pending) return;
    const t = setInterval(() => void refresh(), 1500);
    return () => clearInterval(t);
  }, [pending, refresh]);

  async function toggleFinal(r: Row) {
    setError(null);
    const res = await fetch(`${api}/${r.id}/final`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ selected: !r.selectedFinal }),
    });
    if (!res.ok) setError(((await res.json()) as { error: { message: string } }).error);
    void refresh();
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const typed = designRef.current?.value.trim();
    // A design can be typed instead of uploaded; a chosen file wins.
    const file = fileRef.current?.files?.[0] ?? (typed ? new File([typed], "design.json", { type: "application/json" }) : undefined);
    setError(null);
    if (!file)
      return setError({
        message: designExample
          ? "Enter a design or choose a .json or .csv file first."
          : accepts === "models"
            ? "Choose an .onnx file first."
            : "Choose a .csv or .csv.gz file first.",
      });
    if (file.size > maxMb * 1024 * 1024) return setError({ message: `The file is larger than the limit of ${maxMb} MiB.` });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", api);
    xhr.setRequestHeader("X-Filename", encodeURIComponent(file.name));
    xhr.setRequestHeader("X-Description", encodeURIComponent(descRef.current?.value ?? ""));
    const of = fileRef.current?.files?.[0] ? "chosen file" : `design ${typed}`;
    if (uploadKey.current?.of !== of) uploadKey.current = { of, key: randomKey() };
    xhr.setRequestHeader("Idempotency-Key", uploadKey.current.key);
    xhr.upload.onprogress = (ev) => ev.lengthComputable && setProgress(ev.loaded / ev.total);
    xhr.onload = () => {
      setProgress(null);
      if (xhr.status === 201) {
        uploadKey.current = null;
        if (fileRef.current) fileRef.current.value = "";
        setChosenFile(null);
        if (descRef.current) descRef.current.value = "";
        void refresh();
      } else {
        try {
          setError((JSON.parse(xhr.responseText) as { error: { message: string; line?: number } }).error);
        } catch {
          setError({ message: `Upload failed (HTTP ${xhr.status}).` });
        }
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setError({ message: "The upload was interrupted. Check your connection and try again." });
    };
    setProgress(0);
    xhr.send(file);
  }

  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <div>
          <label htmlFor="submission-file" className="block text-sm font-medium">
            {designExample ? "Design file (.json, or the course's one-row .csv)" : FILE_LABEL[accepts](maxMb)}
          </label>
          <input
            id="submission-file"
            ref={fileRef}
            type="file"
            accept={designExample ? ".json,.csv,application/json,text/csv" : FILE_ACCEPT[accepts]}
            onChange={(e) => {
              uploadKey.current = null;
              setChosenFile(e.target.files?.[0]?.name ?? null);
            }}
            className="mt-1 block text-sm"
          />
          {designExample && chosenFile && <p className="mt-1 text-xs text-amber-700">{chosenFile} is submitted, not the design below.</p>}
        </div>
        {designExample && <DesignEditor initial={designExample} textRef={designRef} />}
        <div>
          <label htmlFor="submission-description" className="block text-sm font-medium">
            Description (optional)
          </label>
          <input
            id="submission-description"
            ref={descRef}
            maxLength={1000}
            className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm"
          />
        </div>
        {progress !== null && (
          <div
            className="h-2 w-full overflow-hidden rounded bg-slate-200"
            role="progressbar"
            aria-valuenow={Math.round(progress * 100)}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-label="Upload progress"
          >
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${progress * 100}%` }} />
          </div>
        )}
        {error && (
          <pre role="alert" className="whitespace-pre-wrap rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
            {error.message}
          </pre>
        )}
        <button
          type="submit"
          disabled={progress !== null}
          className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {progress !== null ? `Uploading… ${Math.round(progress * 100)}%` : "Submit"}
        </button>
      </form>

      <section>
        <h2 className="mb-2 text-lg font-semibold">Your team&apos;s submissions</h2>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">None yet.</p>
        ) : (
          <ul className="space-y-2" data-testid="submissions">
            {rows.map((r) => (
              <li key={r.id} className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid={`submission-${r.id}`}>
                <div className="flex flex-wrap items-center gap-3">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[r.status]}`} data-testid="status">
                    {r.status}
                  </span>
                  <a href={`/challenges/${slug}/submissions/${r.id}`} className="font-mono text-brand-600 underline">
                    #{r.id} {r.filename}
                  </a>
                  <a href={`${api}/${r.id}/file`} download className="text-xs text-brand-600 underline">
                    download
                  </a>
                  <span className="text-slate-500">{new Date(r.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC</span>
                  {r.status === "queued" && r.queuePosition !== null && (
                    <span className="text-slate-500">position {r.queuePosition + 1} in the queue</span>
                  )}
                  {r.public !== null && (
                    <span className="ml-auto font-semibold tabular-nums" data-testid="public-score">
                      {formatScore(r.public.score, precision)}
                      {r.public.std !== null && <span className="font-normal text-slate-500"> ± {r.public.std.toFixed(precision)}</span>}
                    </span>
                  )}
                </div>
                {r.status === "scored" && (
                  <button
                    type="button"
                    onClick={() => void toggleFinal(r)}
                    className="mt-2 rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100"
                  >
                    {r.selectedFinal ? "★ Final (click to unselect)" : "Select as final"}
                  </button>
                )}
                {r.model && (
                  <p className="mt-1 text-xs text-slate-500" data-testid="model-stats">
                    ONNX model, {(r.model.sizeBytes / 1024).toFixed(1)} KiB
                    {r.model.msPer1000 !== null &&
                      `, ${r.model.msPer1000.toFixed(3)} ms per 1,000 events, ${r.model.operatorCount} operators`}
                  </p>
                )}
                {r.description && <p className="mt-1 text-slate-600">{r.description}</p>}
                {r.error && <pre className="mt-2 whitespace-pre-wrap rounded bg-red-50 p-2 text-xs text-red-700">{r.error}</pre>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** 128 random bits as hex; crypto.randomUUID exists only on https and localhost, getRandomValues everywhere. */
function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}
