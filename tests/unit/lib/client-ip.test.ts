import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIp, ipHash, stampClientIp } from "@/lib/client-ip";

const request = (remoteAddress: string, headers: Record<string, string> = {}) =>
  ({ headers: { ...headers }, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe("client address", () => {
  it("takes the socket's address and overwrites one the client sent", () => {
    const req = request("203.0.113.7", { [CLIENT_IP_HEADER]: "10.0.0.1", "x-forwarded-for": "10.0.0.2" });
    stampClientIp(req, false);
    expect(req.headers[CLIENT_IP_HEADER]).toBe("203.0.113.7");
  });

  it("behind a trusted proxy takes the hop the proxy appended, not the one the client forged", () => {
    const req = request("127.0.0.1", { "x-forwarded-for": "10.9.9.9, 198.51.100.4" });
    stampClientIp(req, true);
    expect(req.headers[CLIENT_IP_HEADER]).toBe("198.51.100.4");
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: "198.51.100.4" }))).toBe("198.51.100.4");
    expect(clientIp(new Headers())).toBeUndefined();
  });

  it("hashes with a key: equal for one address (IPv4-mapped or not), different across keys, never the address", () => {
    const key = "k".repeat(40);
    expect(ipHash("::ffff:203.0.113.7", key)).toBe(ipHash("203.0.113.7", key));
    expect(ipHash("203.0.113.7", key)).not.toBe(ipHash("203.0.113.8", key));
    expect(ipHash("203.0.113.7", key)).not.toBe(ipHash("203.0.113.7", "other".repeat(8)));
    expect(ipHash("203.0.113.7", key)).toMatch(/^[0-9a-f]{64}$/);
  });
});
