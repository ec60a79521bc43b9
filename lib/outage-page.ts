import type { IncomingMessage, ServerResponse } from "node:http";
import { isDatabaseUnavailable } from "./db-unavailable";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** What the outage page asks a browser (and its own refresh) to wait before trying again. */
export const OUTAGE_RETRY_SECONDS = 5;

/** The page a reader gets instead of a bare 500 while the database is unreachable: it says so, and retries by itself. */
export function outagePageHtml(siteName: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${OUTAGE_RETRY_SECONDS}"><title>Database unreachable · ${siteName}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f8fafc;color:#0f172a}main{max-width:36rem;margin:4rem auto;padding:0 1rem}h1{font-size:1.5rem}p{color:#475569;line-height:1.5}</style>
</head><body><main data-testid="database-unavailable">
<h1>The database is unreachable</h1>
<p>${siteName} cannot reach its database just now (a restart or a network fault). Nothing you submitted is lost.</p>
<p>This page retries by itself every ${OUTAGE_RETRY_SECONDS} seconds and shows itself as soon as the database is back.</p>
</main></body></html>
`;
}

/**
 * In front of the Next.js handler: a page GET that fails with a 500 is held back while `databaseDown()` checks
 * whether the database is reachable. If not, the reader gets a 503 with Retry-After and a page that says so and
 * reloads itself, rather than Next's generic error page; otherwise the 500 goes out as it was written. (API routes
 * answer their own 503 in the shared error shape: lib/api-error.ts. A page whose error comes after its first bytes
 * were streamed shows app/error.tsx, which checks the same thing from the browser.)
 */
export function withOutagePage(handler: Handler, opts: { databaseDown: () => Promise<boolean>; siteName: string }): Handler {
  return (req, res) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || (req.url ?? "").startsWith("/api/")) return handler(req, res);
    const { writeHead, write, end } = res;
    const held: (() => void)[] = [];
    // The overrides stay in place (a wrapper inside may have captured them); once the status is known to be anything
    // but 500 they only pass through.
    let mode: "undecided" | "pass" | "hold" = "undecided";
    const holding = (status: number) => {
      if (mode === "undecided") mode = status === 500 ? "hold" : "pass";
      return mode === "hold";
    };
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      const call = () => (writeHead as (...a: unknown[]) => ServerResponse).call(res, status, ...rest);
      if (!holding(status)) return call();
      held.push(call);
      return res;
    }) as typeof res.writeHead;
    res.write = ((...args: unknown[]) => {
      const call = () => (write as (...a: unknown[]) => boolean).apply(res, args);
      if (!holding(res.statusCode)) return call();
      held.push(call);
      return true;
    }) as typeof res.write;
    res.end = ((...args: unknown[]) => {
      const call = () => (end as (...a: unknown[]) => ServerResponse).apply(res, args);
      if (!holding(res.statusCode)) return call();
      mode = "pass";
      const original = () => {
        for (const step of held) step();
        call();
      };
      void opts.databaseDown().then(
        (down) => {
          if (!down || res.headersSent) return original();
          // Next's headers for its own error body (length, encoding) do not describe this one.
          for (const h of ["content-length", "content-encoding", "etag", "content-type"]) res.removeHeader(h);
          (writeHead as (...a: unknown[]) => ServerResponse).call(res, 503, {
            "Content-Type": "text/html; charset=utf-8",
            "Retry-After": String(OUTAGE_RETRY_SECONDS),
            "Cache-Control": "no-store",
          });
          (end as (...a: unknown[]) => ServerResponse).call(res, req.method === "HEAD" ? undefined : outagePageHtml(opts.siteName));
        },
        () => original(),
      );
      return res;
    }) as typeof res.end;
    handler(req, res);
  };
}

/** True when the database does not answer `select 1` within `timeoutMs` or fails as unreachable (lib/db-unavailable.ts). */
export function databaseProbe(ping: () => Promise<unknown>, timeoutMs = 3000): () => Promise<boolean> {
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), timeoutMs)));
    try {
      return (await Promise.race([ping(), late])) === "late";
    } catch (err) {
      return isDatabaseUnavailable(err);
    } finally {
      clearTimeout(timer);
    }
  };
}
