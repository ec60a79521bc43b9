import { NextResponse } from "next/server";
import { isDatabaseUnavailable, rootMessage } from "./db-unavailable";

/** What a 503 asks the client to wait before repeating the request. */
const RETRY_AFTER_SECONDS = 5;

/** The one error shape of every route handler: `{ error: { code, message, line? } }`. */
export type ApiErrorBody = { error: { code: string; message: string; line?: number } };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly line?: number,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function errorResponse(err: unknown): NextResponse<ApiErrorBody> {
  if (err instanceof ApiError) {
    const body: ApiErrorBody = { error: { code: err.code, message: err.message } };
    if (err.line !== undefined) body.error.line = err.line;
    return NextResponse.json(body, { status: err.status, headers: err.headers });
  }
  if (isDatabaseUnavailable(err)) {
    // A restart or failover takes seconds; the client may repeat the request (an upload with its Idempotency-Key).
    console.error(`[api] database unavailable: ${rootMessage(err)}`);
    const body: ApiErrorBody = {
      error: { code: "unavailable", message: "The database is briefly unavailable; try again in a few seconds." },
    };
    return NextResponse.json(body, { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } });
  }
  console.error(err);
  return NextResponse.json({ error: { code: "internal", message: "Internal server error" } }, { status: 500 });
}

/** Wraps a route handler so thrown ApiErrors (and anything else) become the shared shape. */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (err) {
      // Next's redirect()/notFound() throw control-flow errors that must propagate.
      if (err && typeof err === "object" && "digest" in err) throw err;
      return errorResponse(err);
    }
  };
}
