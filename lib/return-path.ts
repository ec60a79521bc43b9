/**
 * Where to send a visitor after sign-in, sign-up or OAuth: only a path on this site. Anything else ("//evil.org",
 * "/\evil.org", "https://evil.org", "javascript:…") falls back to the home page: an open redirect after sign-in
 * lends the site's name to a phishing page.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000 || !value.startsWith("/")) return "/";
  // Browsers read a backslash as a slash and drop tabs and newlines, so "/\evil.org" and "/\t/evil.org" leave the site.
  // eslint-disable-next-line no-control-regex -- the control characters are what this test looks for
  if (/[\\\u0000-\u001f\u007f]/.test(value) || value.startsWith("//")) return "/";
  const base = "http://same-site.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return "/";
  }
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : "/";
}

/** A sign-in or sign-up link that comes back to `returnTo` (omitted when that is the home page). */
export function authHref(page: "/sign-in" | "/sign-up", returnTo: string): string {
  const path = safeReturnPath(returnTo);
  return path === "/" ? page : `${page}?callbackUrl=${encodeURIComponent(path)}`;
}
