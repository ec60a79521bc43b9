import { ApiError } from "./api-error";

/** Methods that change state; only these need the cross-site check (GET and HEAD must stay side-effect free). */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The hosts this request may come from: what the browser addressed (Host, or X-Forwarded-Host behind a proxy,
 * which a cross-site page cannot set without a CORS preflight we never grant) and the URL Next built.
 */
function ownHosts(req: Request): Set<string> {
  const hosts = new Set<string>([new URL(req.url).host]);
  for (const name of ["host", "x-forwarded-host"]) {
    const value = req.headers.get(name)?.split(",")[0]?.trim();
    if (value) hosts.add(value);
  }
  return hosts;
}

/**
 * Refuses a cookie-authenticated state-changing request that a browser sent on behalf of another page. SameSite=Lax
 * cookies still travel from a *same-site* page (another port, a sibling subdomain such as a student's page on the
 * university's domain), so the cookie alone proves nothing: the browser must say the request came from our own
 * origin. Modern browsers send `Sec-Fetch-Site` and `Origin` on every POST/PUT/PATCH/DELETE; a request with
 * neither is not a browser's and must use an API token instead (token requests never reach this check).
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  if (site !== null && site !== "same-origin") throw crossSite(`a ${site} page`);
  if (origin !== null) {
    let host: string | undefined;
    try {
      host = origin === "null" ? undefined : new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (!host || !ownHosts(req).has(host)) throw crossSite(origin === "null" ? "an opaque origin" : origin);
    return;
  }
  if (site === null) {
    throw new ApiError(
      403,
      "cross_site",
      "This request carries a session cookie but no Origin or Sec-Fetch-Site header: send it from the site itself, or use an API token (Authorization: Bearer …).",
    );
  }
}

function crossSite(from: string): ApiError {
  return new ApiError(
    403,
    "cross_site",
    `Refused: this request came from ${from}, not from this site. Scripts use an API token (Authorization: Bearer …).`,
  );
}

/**
 * A JSON request body, required to be sent as `application/json`: a cross-site form or `text/plain` fetch (a
 * "simple" request, sent without a CORS preflight) can never produce that content type. 415 otherwise, 400 when
 * the body is not JSON.
 */
export async function readJsonBody(req: Request, example: string): Promise<unknown> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw new ApiError(415, "unsupported_media_type", `Send the body as JSON with "Content-Type: application/json", e.g. ${example}.`);
  }
  try {
    return await req.json();
  } catch {
    throw new ApiError(400, "bad_request", `The body is not valid JSON; send e.g. ${example}.`);
  }
}
