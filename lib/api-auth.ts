import { getDb } from "@/db";
import { hashToken, userForToken } from "@/db/queries/api-tokens";
import type { User } from "@/db/schema";
import { ApiError } from "./api-error";
import { currentUser } from "./authz";
import { assertSameOrigin } from "./csrf";
import { env } from "./env";
import { RateLimiter } from "./rate-limit";

export interface RequestIdentity {
  user: User | undefined;
  /** Set when the request came with an API token rather than a browser session. */
  tokenId?: number;
}

let limiter: RateLimiter | undefined;

/**
 * Who is calling an API route: the owner of a `Authorization: Bearer ca_…` token
 * (rate limited per token), else the browser session's user, else nobody.
 * A cookie-authenticated POST/PUT/PATCH/DELETE must come from this site's own pages (lib/csrf.ts); token
 * requests are exempt, since no browser attaches a token by itself.
 * A token that is presented but unknown or revoked is a 401, never a silent
 * fall-back to anonymous, so a script with a stale token fails loudly.
 */
export async function requestIdentity(req: Request): Promise<RequestIdentity> {
  const header = req.headers.get("authorization");
  if (!header) {
    // The browser session's cookie rides along on cross-site requests too: state changes must come from our pages.
    assertSameOrigin(req);
    return { user: await currentUser() };
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) throw new ApiError(401, "invalid_token", 'Send the token as "Authorization: Bearer <token>".');
  const found = await userForToken(await getDb(), match[1]);
  if (!found) throw new ApiError(401, "invalid_token", "This API token is unknown or revoked: create a new one on your profile page.");
  limiter ??= new RateLimiter(env().API_RATE_LIMIT_PER_MINUTE);
  const wait = limiter.hit(hashToken(match[1]));
  if (wait > 0) {
    throw new ApiError(429, "rate_limited", `Too many requests with this token: try again in ${wait} s.`, undefined, {
      "Retry-After": String(wait),
    });
  }
  return { user: found.user, tokenId: found.tokenId };
}

/** As requestIdentity, but the route needs someone signed in. */
export async function requireApiUser(req: Request, action = "do this"): Promise<RequestIdentity & { user: User }> {
  const id = await requestIdentity(req);
  if (!id.user) throw new ApiError(401, "unauthenticated", `Sign in or send an API token to ${action}.`);
  return { ...id, user: id.user };
}
