"use client";

import { useSyncExternalStore } from "react";

function format(ms: number): string {
  if (ms <= 0) return "now";
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return `${m}m ${s % 60}s`;
}

function everySecond(tick: () => void): () => void {
  const t = setInterval(tick, 1000);
  return () => clearInterval(t);
}

// Whole seconds, so React sees the same snapshot until the displayed text can change.
const currentSecond = () => Math.floor(Date.now() / 1000) * 1000;

/** Live "closes in 3d 4h" text; renders the server's value first to avoid a hydration mismatch. */
export function Countdown({ to, label }: { to: string; label: string }) {
  const target = new Date(to).getTime();
  const now = useSyncExternalStore(everySecond, currentSecond, () => null);
  return (
    <span title={new Date(to).toUTCString()}>
      {label} {now === null ? new Date(to).toISOString().slice(0, 16).replace("T", " ") + " UTC" : format(target - now)}
    </span>
  );
}
