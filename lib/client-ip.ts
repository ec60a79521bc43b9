import { createHmac } from "node:crypto";
import type { IncomingMessage } from "node:http";

/**
 * The header scripts/start.ts sets on every request from the socket (or, with TRUST_PROXY, from the proxy's
 * X-Forwarded-For entry), overwriting whatever the client sent, so pages can trust it.
 */
export const CLIENT_IP_HEADER = "x-collider-client-ip";

/** The client's address as the server saw it; behind a trusted proxy, the last hop the proxy appended. */
export function stampClientIp(req: IncomingMessage, trustProxy: boolean): void {
  const forwarded = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = trustProxy && hops.length > 0 ? hops[hops.length - 1] : req.socket.remoteAddress;
  req.headers[CLIENT_IP_HEADER] = ip ?? "";
}

/** The stamped address of a request, undefined outside `npm start` (next dev, tests) where nothing stamps it. */
export function clientIp(headers: Pick<Headers, "get">): string | undefined {
  return headers.get(CLIENT_IP_HEADER) || undefined;
}

/**
 * A keyed hash of an address: equal for equal addresses, useless without the key (the IPv4 space is small enough
 * to hash exhaustively, so a plain hash would not hide it). IPv4-mapped IPv6 is folded to IPv4 first.
 */
export function ipHash(ip: string, secret: string): string {
  const normal = ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1").toLowerCase();
  return createHmac("sha256", secret).update(`signup-ip:${normal}`).digest("hex");
}
