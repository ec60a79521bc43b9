import type { IncomingMessage, ServerResponse } from "node:http";
import { decode } from "next-auth/jwt";
import type { Db } from "@/db";
import { boardOf } from "@/db/queries/leaderboard";
import { getUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { readerStandingBody } from "./reader-standing";
import { TtlCache } from "./ttl-cache";
import { singleFlight } from "./versioned-cache";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const PATH = /^\/api\/v1\/challenges\/([^/]+)\/leaderboard\/me$/;
const SESSION_COOKIE = /^(?:__Secure-)?authjs\.session-token$/;

/** The session cookie of a request: null when there is none, undefined when it is one this edge leaves to Auth.js (chunked). */
export function sessionCookieOf(header: string | undefined): { name: string; value: string } | null | undefined {
  let found: { name: string; value: string } | null = null;
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    const name = part.slice(0, at).trim();
    if (SESSION_COOKIE.test(name)) found = { name, value: part.slice(at + 1).trim() };
    else if (/^(?:__Secure-)?authjs\.session-token\.\d+$/.test(name)) return undefined;
  }
  return found;
}

/**
 * GET /api/v1/challenges/{slug}/leaderboard/me for browser sessions, answered in front of Next.js (`npm start`).
 * Every reader of a shared leaderboard page asks it once, and Next's per-request machinery (a route handler, its
 * web streams and compression) cost several times what the answer does; here it is the session (decoded once per
 * cookie and minute, as lib/authz.ts does), the account (re-read every 2 s: a role change or revoked session applies
 * within that), one indexed look-up for the reader, and the board's ranking computed once per leaderboard version.
 * Same body as the route (lib/reader-standing.ts). Private classes, API tokens and anything unusual go to Next.js.
 */
export function readerEdge(next: Handler, db: Db, secret: string): Handler {
  const claims = new TtlCache<{ id: string; version: number } | null>(60_000, 5000);
  const users = new TtlCache<User | undefined>(2000, 5000);
  const board = singleFlight((slug: string) => boardOf(db, slug));

  const readerOf = async (session: { name: string; value: string } | null): Promise<User | undefined> => {
    if (!session) return undefined;
    const who = await claims.get(session.value, async () => {
      const token = await decode({ token: session.value, secret, salt: session.name }).catch(() => null);
      return token?.sub ? { id: token.sub, version: typeof token.sessionVersion === "number" ? token.sessionVersion : 0 } : null;
    });
    if (!who) return undefined;
    const user = await users.get(who.id, () => getUserById(db, who.id));
    return user && user.sessionVersion === who.version ? user : undefined;
  };

  return (req, res) => {
    const slug = req.method === "GET" && !req.headers.authorization ? PATH.exec((req.url ?? "").split("?")[0]!)?.[1] : undefined;
    const session = slug ? sessionCookieOf(req.headers.cookie) : undefined;
    if (!slug || session === undefined) return next(req, res);
    void (async () => {
      const challenge = await board(decodeURIComponent(slug));
      if (!challenge?.public) return next(req, res);
      const body = JSON.stringify(await readerStandingBody(challenge, await readerOf(session)));
      res
        .writeHead(200, { "Content-Type": "application/json", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" })
        .end(body);
    })().catch(() => {
      // The database is unreachable (or anything else): the route answers, in the API's error shape.
      if (!res.headersSent) next(req, res);
    });
  };
}
