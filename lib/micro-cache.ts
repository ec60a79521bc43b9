import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type Entry = { at: number; tag: string; status: number; headers: OutgoingHttpHeaders; body: Buffer };

/** Whether a request carries an identity (a session cookie or a token): such responses are personal, never shared. */
export function isAnonymous(req: IncomingMessage): boolean {
  if (req.headers.authorization) return false;
  return !/(?:^|;\s*)(?:__Secure-)?authjs\.session-token/.test(req.headers.cookie ?? "");
}

// Next.js answers these with a React Server Components payload for a client-side navigation, shaped by the router's state.
const RSC_HEADERS = ["rsc", "next-router-prefetch", "next-router-segment-prefetch", "next-router-state-tree", "next-url"];

const rscVariant = (req: IncomingMessage) => RSC_HEADERS.map((h) => String(req.headers[h] ?? "")).join("|");
const isNavigation = (req: IncomingMessage, url: string) => rscVariant(req) !== "||||" || url.includes("_rsc=");

/**
 * What besides the URL shapes a response: a page's HTML and its navigation payloads differ, and Next.js compresses
 * for a client that accepts it (a compressed body must not be replayed to one that does not).
 */
const variantOf = (req: IncomingMessage) => `${rscVariant(req)}|${req.headers["accept-encoding"] ?? ""}`;

export interface MicroCacheOptions {
  ttlMs: number;
  match: (path: string) => boolean;
  /**
   * The version of a matched path's data when one render may serve every reader: entries are replayed only while the
   * tag is unchanged (a new score shows at once), and signed-in readers' page loads get the shared render too (the
   * page fills in what is theirs with a request of its own). null: this path is not public (a private class), so only
   * anonymous readers share it, as before. Without `share`, entries are shared by anonymous readers and expire by time.
   */
  share?: (path: string) => Promise<string | null>;
  maxEntries?: number;
}

/**
 * A reverse-proxy style micro-cache in front of the Next.js handler: GETs of the paths `match` accepts (leaderboards,
 * read by many) are rendered once, without any cookie, per `ttlMs` and data version (`share`), and replayed to
 * everyone else; concurrent misses of one URL wait for a single render. Only complete 200 responses that set no
 * cookie are kept, so an error or anything personal is never replayed. API tokens always reach the handler (each is
 * checked and rate-limited), and so do signed-in navigations within the app, which Next.js renders for their reader.
 */
export function microCache(handler: Handler, opts: MicroCacheOptions): Handler {
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Entry | null>>();
  const max = opts.maxEntries ?? 500;

  const replay = (res: ServerResponse, e: Entry, head: boolean) => {
    res.writeHead(e.status, { ...e.headers, "x-micro-cache": "hit" });
    res.end(head ? undefined : e.body);
  };

  /** Runs the real handler, teeing what it writes; resolves with the entry when it is cacheable. */
  const render = (req: IncomingMessage, res: ServerResponse, tag: string): Promise<Entry | null> =>
    new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let headArg: OutgoingHttpHeaders = {};
      const { write, end, writeHead } = res;
      const keep = (chunk: unknown, encoding?: unknown) => {
        if (chunk !== undefined && chunk !== null && typeof chunk !== "function") {
          if (typeof chunk === "string")
            chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
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
        resolve(cacheable ? { at: Date.now(), tag, status: 200, headers, body: Buffer.concat(chunks) } : null);
      });
      res.once("close", () => resolve(null));
      handler(req, res);
    });

  const serve = (req: IncomingMessage, res: ServerResponse, tag: string) => {
    const url = req.url ?? "/";
    const head = req.method === "HEAD";
    const key = `${url}\n${variantOf(req)}`;
    const hit = entries.get(key);
    if (hit && hit.tag === tag && Date.now() - hit.at < opts.ttlMs) return replay(res, hit, head);
    const flight = `${key}\n${tag}`;
    const pending = inFlight.get(flight);
    if (pending) {
      void pending.then((e) => (e ? replay(res, e, head) : handler(req, res)));
      return;
    }
    const p = render(req, res, tag).then((e) => {
      inFlight.delete(flight);
      if (e) {
        entries.delete(key);
        if (entries.size >= max) entries.delete(entries.keys().next().value!);
        entries.set(key, e);
      }
      return e;
    });
    inFlight.set(flight, p);
  };

  return (req, res) => {
    const url = req.url ?? "/";
    const path = url.split("?")[0]!;
    if ((req.method !== "GET" && req.method !== "HEAD") || req.headers.authorization || !opts.match(path)) return handler(req, res);
    const anonymous = isAnonymous(req);
    if (!opts.share) return anonymous ? serve(req, res, "") : handler(req, res);
    if (!anonymous && isNavigation(req, url)) return handler(req, res);
    opts.share(path).then(
      (tag) => {
        if (tag === null) return anonymous ? serve(req, res, "private") : handler(req, res);
        // The shared render is the anonymous one: the reader's cookie does not reach it.
        delete req.headers.cookie;
        serve(req, res, tag);
      },
      // The version could not be read (the database is down): the handler answers, uncached, as it can.
      () => handler(req, res),
    );
  };
}

/** The challenge slug of a leaderboard path (page or JSON), else undefined. */
export const leaderboardSlugOf = (path: string) => /^\/(?:api\/v1\/)?challenges\/([^/]+)\/leaderboard$/.exec(path)?.[1];

/** The public leaderboards, as pages and as JSON. */
export const isLeaderboardPath = (path: string) => leaderboardSlugOf(path) !== undefined;
