import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { ApiError, errorResponse } from "@/lib/api-error";
import { throttledMessage, throttledSeconds } from "@/lib/sign-in-guard";

export const { GET } = handlers;

/**
 * Auth.js answers a refused credentials sign-in with a redirect to the sign-in page (`?code=…`); a throttled one
 * becomes 429 with Retry-After instead, so a script hammering this endpoint is told plainly to wait.
 */
export async function POST(req: NextRequest): Promise<Response> {
  const res = await handlers.POST(req);
  const location = res.headers.get("location");
  const wait = location ? throttledSeconds(new URL(location, req.url).searchParams.get("code") ?? undefined) : undefined;
  if (wait === undefined) return res;
  return errorResponse(new ApiError(429, "rate_limited", throttledMessage(wait), undefined, { "Retry-After": String(wait) }));
}
