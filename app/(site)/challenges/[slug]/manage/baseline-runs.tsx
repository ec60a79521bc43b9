"use client";

import { formatScore, type JsonScore } from "@/scoring/score-value";
import { useCallback, useEffect, useState } from "react";

type Run = {
  id: number;
  family: string;
  seed: number;
  status: "queued" | "running" | "done" | "failed";
  progress: {
    family?: string;
    epoch?: number;
    epochs?: number;
    member?: number;
    members?: number;
    loss?: number;
    valAms?: number;
    valLoss?: number;
    etaSeconds?: number;
  } | null;
  message: string | null;
  results: { name: string; publicScore: JsonScore | null }[] | null;
  createdAt: string;
};

/** Live list of baseline trainer runs: polls while one is queued or training. */
export function BaselineRuns({ slug }: { slug: string }) {
  const [runs, setRuns] = useState<Run[]>([]);
  const refresh = useCallback(async () => {
    const res = await fetch(`/challenges/${slug}/manage/baselines`, { cache: "no-store" });
    if (res.ok) setRuns(((await res.json()) as { runs: Run[] }).runs);
  }, [slug]);
  // The first load on mount: the state is set when the fetch answers, not synchronously in the effect.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => void refresh(), [refresh]);
  const active = runs.some((r) => r.status === "queued" || r.status === "running");
  useEffect(() => {
    const t = setInterval(() => void refresh(), active ? 2000 : 10_000);
    return () => clearInterval(t);
  }, [active, refresh]);
  if (runs.length === 0) return <p className="text-sm text-slate-500">No runs yet.</p>;
  return (
    <ul className="space-y-2" data-testid="baseline-runs">
      {runs.map((r) => {
        const p = r.progress;
        const fraction = p?.epoch && p.epochs ? p.epoch / p.epochs : 0;
        return (
          <li key={r.id} className="rounded border border-slate-200 bg-white p-3 text-sm">
            <div className="flex gap-3">
              <span className="font-medium">
                #{r.id} {r.family}, seed {r.seed}
              </span>
              <span data-testid="baseline-status">{r.status}</span>
            </div>
            {r.status === "running" && p && (
              <div className="mt-2 space-y-1">
                <div
                  className="h-2 w-full overflow-hidden rounded bg-slate-200"
                  role="progressbar"
                  aria-valuenow={Math.round(fraction * 100)}
                  aria-valuemin={0}
                  aria-valuemax={100}
                >
                  <div className="h-full bg-brand-600" style={{ width: `${fraction * 100}%` }} />
                </div>
                <p className="text-xs text-slate-600">
                  {p.family} {p.members && p.members > 1 ? `member ${p.member}/${p.members}, ` : ""}epoch {p.epoch}/{p.epochs} · loss{" "}
                  {p.loss?.toFixed(4)} ·{" "}
                  {p.valAms !== undefined ? `validation AMS ${p.valAms.toFixed(3)}` : `validation loss ${p.valLoss?.toFixed(4)}`} · about{" "}
                  {Math.round(p.etaSeconds ?? 0)} s left
                </p>
              </div>
            )}
            {r.results?.map((x) => (
              <p key={x.name} className="text-xs text-emerald-700">
                {x.name}: public score {formatScore(x.publicScore, 5)}
              </p>
            ))}
            {r.message && <p className="text-xs text-slate-600">{r.message}</p>}
          </li>
        );
      })}
    </ul>
  );
}
