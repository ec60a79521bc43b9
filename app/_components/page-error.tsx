"use client";

import { useEffect, useState } from "react";

const RETRY_MS = 5000;

/**
 * What a reader sees when a page fails. A page request that fails while the database is down gets the start
 * script's 503 page (lib/outage-page.ts); this covers the rest (a navigation inside the app, a failure after the
 * page began to stream). It asks /api/health, which answers 503 while the database is unreachable: then it says
 * so and retries by itself until the database is back, and reloads; any other failure offers "Try again".
 */
export function PageError({ digest }: { digest?: string }) {
  const [database, setDatabase] = useState<"checking" | "down" | "up">("checking");
  const [tries, setTries] = useState(0);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const res = await fetch("/api/health", { cache: "no-store" }).catch(() => null);
      if (stop) return;
      if (res?.status === 503) {
        setDatabase("down");
        setTries((n) => n + 1);
        timer = setTimeout(check, RETRY_MS);
      } else if (res?.ok && database === "down") {
        window.location.reload();
      } else {
        setDatabase(res?.ok ? "up" : "down");
        if (!res?.ok) timer = setTimeout(check, RETRY_MS);
      }
    };
    void check();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [database]);

  if (database === "down") {
    return (
      <div className="mx-auto max-w-xl space-y-3 py-8" data-testid="database-unavailable" role="alert">
        <h1 className="text-2xl font-semibold">The database is unreachable</h1>
        <p className="text-slate-600">
          The site cannot reach its database just now (a restart or a network fault). Nothing you submitted is lost.
        </p>
        <p className="text-slate-600">
          Retrying every {RETRY_MS / 1000} seconds{tries > 1 ? ` (tried ${tries} times)` : ""}: this page reloads by itself as soon as it is
          back.
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-xl space-y-3 py-8" role="alert">
      <h1 className="text-2xl font-semibold">This page could not be shown</h1>
      <p className="text-slate-600">
        Something went wrong on the server{digest ? ` (reference ${digest})` : ""}.{" "}
        {database === "checking" ? "Checking the database…" : "The database is reachable, so retrying may help."}
      </p>
      <button
        type="button"
        onClick={() => window.location.reload()}
        className="rounded bg-brand-600 px-3 py-1 text-white hover:bg-brand-700"
      >
        Try again
      </button>
    </div>
  );
}
