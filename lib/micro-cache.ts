import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type Entry = { at: number; status: number; headers: OutgoingHttpHeaders; body: Buffer };

/** Whether a request carries an identity (a session cookie or a token): such responses are personal, never shared. */
export function isAnonymous(req: IncomingMessage): boolean {
  if (req.headers.authorization) return false;
  return !/(?:^|;\s*)(?:__Secure-)?authjs\.session-token/.test(req.headers.cookie ?? "");
}

/**
 * A reverse-proxy style micro-cache in front of the Next.js handler: anonymous GETs of the paths `match` accepts
 * (leaderboards, read by many and already two seconds stale by design) are rendered once per `ttlMs` and replayed
 * to everyone else; concurrent misses of one URL wait for a single render. Only complete 200 responses that set
 * no cookie are kept, so an error or anything personal is never replayed.
 */
export function microCache(handler: Handler, opts: { ttlMs: number; match: (path: string) => boolean; maxEntries?: number }): Handler {
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Entry | null>>();
  const max = opts.maxEntries ?? 500;

  const replay = (res: ServerResponse, e: Entry, head: boolean) => {
    res.writeHead(e.status, { ...e.headers, "x-micro-cache": "hit" });
    res.end(head ? undefined : e.body);
  };

  /** Runs the real handler, teeing what it writes; resolves with the entry when it is cacheable. */
  const render = (req: IncomingMessage, res: ServerResponse): Promise<Entry | null> =>
    new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let headArg: OutgoingHttpHeaders = {};
      const { write, end, writeHead } = res;
      const keep = (chunk: unknown, encoding?: unknown) => {
        if (chunk !== undefined && chunk !== null && typeof chunk !== "function") {
          if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
          else chunks.push(Buffer.from(chunk as Uint8Array));
        }
      };
      res.writeHead = ((status: number, ...rest: unknown[]) => {
        const h = rest.find((r) => r && typeof r === "object");
        if (h && !Array.isArray(h)) headArg = h as OutgoingHttpHeaders;
        return (writeHead as (...a: unknown[]) => ServerResponse).call(res, status, ...rest);
      }) as typeof res.writeHead;
      res.write = ((chunk: unknown, ...rest: unknown[]) => {
        keep(chunk, rest[0]);
        return (write as (...a: unknown[]) => boolean).call(res, chunk, ...rest);
      }) as typeof res.write;
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        keep(chunk, rest[0]);
        return (end as (...a: unknown[]) => ServerResponse).call(res, chunk, ...rest);
      }) as typeof res.end;
      res.once("finish", () => {
        const headers = { ...res.getHeaders(), ...headArg };
        const cacheable = res.statusCode === 200 && headers["set-cookie"] === undefined;
        resolve(cacheable ? { at: Date.now(), status: 200, headers, body: Buffer.concat(chunks) } : null);
      });
      res.once("close", () => resolve(null));
      handler(req, res);
    });

  return (req, res) => {
    const url = req.url ?? "/";
    const head = req.method === "HEAD";
    if ((req.method !== "GET" && !head) || !isAnonymous(req) || !opts.match(url.split("?")[0]!)) return handler(req, res);
    const hit = entries.get(url);
    if (hit && Date.now() - hit.at < opts.ttlMs) return replay(res, hit, head);
    const pending = inFlight.get(url);
    if (pending) {
      void pending.then((e) => (e ? replay(res, e, head) : handler(req, res)));
      return;
    }
    const p = render(req, res).then((e) => {
      inFlight.delete(url);
      if (e) {
        if (entries.size >= max) entries.delete(entries.keys().next().value!);
        entries.set(url, e);
      }
      return e;
    });
    inFlight.set(url, p);
  };
}

/** The public leaderboards, as pages and as JSON. */
export const isLeaderboardPath = (path: string) => /^\/(?:api\/v1\/)?challenges\/[^/]+\/leaderboard$/.test(path);
