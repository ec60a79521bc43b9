/**
 * Telling "the database is not there right now" (a restart, an outage, a failover) from every other error, so that
 * the API can answer 503 (retry later) instead of 500, and workers can wait for the database instead of dying.
 */

/** Socket errors of a server that is down, restarting or unreachable. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

/**
 * SQLSTATEs of a server going away or not yet accepting connections: 57P01 admin shutdown (a fast stop),
 * 57P02 crash shutdown, 57P03 cannot connect now (starting up or recovering), 53300 too many connections;
 * class 08 is "connection exception".
 */
const SERVER_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);

/** node-postgres's and PGlite's own messages for a connection that died or a pool/instance that is closed. */
const MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /Cannot use a pool after calling end on the pool/,
  /PGlite is closed/,
];

/** True when `err` (or an error it wraps: drizzle's query errors keep the driver's as `cause`) says the database is unreachable. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message, errors } = e as { code?: unknown; message?: unknown; errors?: unknown };
    if (typeof code === "string" && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith("08"))) return true;
    if (typeof message === "string" && MESSAGES.some((m) => m.test(message))) return true;
    // Node's happy-eyeballs connect fails with an AggregateError of one error per address tried.
    if (Array.isArray(errors) && errors.length > 0 && errors.every(isDatabaseUnavailable)) return true;
  }
  return false;
}

/** The driver's own message under drizzle's "Failed query: …" wrapper (which quotes the whole statement). */
export function rootMessage(err: unknown): string {
  let e = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

export interface WaitForDatabase {
  /** Give up (rethrow) once the database has been unavailable this long. */
  maxWaitMs: number;
  /** First pause; doubled per attempt up to maxDelayMs, with jitter so workers do not retry in step. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Told once per outage, when the first attempt fails. */
  onWait?: (err: unknown) => void;
}

/**
 * Runs `fn`, and runs it again with backoff while it fails because the database is unavailable, for up to
 * `maxWaitMs`; any other error, or an outage longer than that, is thrown. `fn` must be safe to repeat.
 */
export async function retryWhileDatabaseUnavailable<T>(fn: () => Promise<T>, opts: WaitForDatabase): Promise<T> {
  const start = Date.now();
  let delay = opts.initialDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() - start >= opts.maxWaitMs) throw err;
      if (attempt === 1) opts.onWait?.(err);
      const pause = Math.min(delay, opts.maxWaitMs - (Date.now() - start)) * (0.75 + Math.random() * 0.5);
      await new Promise((r) => setTimeout(r, Math.max(10, pause)));
      delay = Math.min(delay * 2, opts.maxDelayMs ?? 5000);
    }
  }
}

/**
 * For `npm run worker`: pg-boss completes and fails jobs without awaiting the promise, so a database outage at that
 * moment surfaces as an unhandled rejection, which would end the process. Those are logged (the job's expiry and
 * retry recover it); any other unhandled rejection still ends the process. (The site's process needs none: Next.js
 * installs handlers there that log every unhandled rejection and carry on.)
 */
export function surviveDatabaseOutages(label: string): void {
  process.on("unhandledRejection", (reason) => {
    if (isDatabaseUnavailable(reason)) {
      console.error(`[${label}] database unavailable: ${rootMessage(reason)}`);
      return;
    }
    console.error(reason);
    process.exit(1);
  });
}
