"use client";

import { useEffect, useSyncExternalStore } from "react";
import type { z } from "zod";
import type { readerStandingSchema } from "@/lib/api/v1/schemas";

/**
 * Who is reading a shared page. The leaderboard is one render for every reader (the start script's micro-cache
 * serves it to signed-in readers too), so what is personal on it (the header's account links, the Manage tab, the
 * highlighted row, "your rank") comes from one small request, /api/v1/challenges/{slug}/leaderboard/me, kept here
 * for the components that show it. Pages rendered for their reader pass what they know as `initial` props instead.
 */
export type ReaderOfChallenge = z.infer<typeof readerStandingSchema>;

let byChallenge: Record<string, ReaderOfChallenge> = {};
let signedOut = false;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const publish = () => listeners.forEach((l) => l());

/** The reader of a challenge's leaderboard, once the personal request has answered (null before, or on other pages). */
export function useReaderOf(slug: string): ReaderOfChallenge | null {
  return useSyncExternalStore(
    subscribe,
    () => byChallenge[slug] ?? null,
    () => null,
  );
}

/** The signed-in reader as the last personal request saw them (null before it answers, and after signing out). */
export function useReader(): ReaderOfChallenge["user"] {
  return useSyncExternalStore(
    subscribe,
    () => (signedOut ? null : (Object.values(byChallenge).find((r) => r.user)?.user ?? null)),
    () => null,
  );
}

/** Signing out forgets the reader at once (the page that follows may be a shared render, which knows no one). */
export function forgetReader(): void {
  byChallenge = {};
  signedOut = true;
  publish();
}

/** Asks who is reading this challenge's leaderboard; renders nothing. */
export function LoadReader({ slug }: { slug: string }) {
  useEffect(() => {
    const abort = new AbortController();
    fetch(`/api/v1/challenges/${encodeURIComponent(slug)}/leaderboard/me`, { cache: "no-store", signal: abort.signal })
      .then((res) => (res.ok ? (res.json() as Promise<ReaderOfChallenge>) : null))
      .then((reader) => {
        if (!reader) return;
        byChallenge = { ...byChallenge, [slug]: reader };
        if (reader.user) signedOut = false;
        publish();
      })
      .catch(() => undefined); // an anonymous view is still a complete page
    return () => abort.abort();
  }, [slug]);
  return null;
}
