import { readdirSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";

// A browser session is whatever this says; API tokens go through the real lookup.
let sessionUserId: string | undefined;
vi.mock("@/auth", () => ({ auth: async () => (sessionUserId ? { user: { id: sessionUserId } } : null) }));

import { createApiToken, listApiTokens } from "@/db/queries/api-tokens";
import { createUser } from "@/db/queries/users";
import { users } from "@/db/schema";
import { describeEachDatabase } from "./databases";

const DB_KEY = Symbol.for("collider-arena.db");
const root = path.resolve(__dirname, "../..");
const UNSAFE = ["POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route handler file under app/, except Auth.js's own (it checks its double-submit CSRF token itself). */
function routeFiles(dir = path.join(root, "app")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return full.includes(`${path.sep}api${path.sep}auth`) ? [] : routeFiles(full);
    return e.name === "route.ts" ? [full] : [];
  });
}

/** The page of another origin on the same site: a sibling port, or a student's page on the university's domain. */
const CROSS_SITE: Record<string, string>[] = [
  { Origin: "http://localhost:8080", "Sec-Fetch-Site": "same-site" },
  { Origin: "http://evil.localhost", "Sec-Fetch-Site": "same-site" },
  { Origin: "http://localhost:8080" },
  { "Sec-Fetch-Site": "cross-site" },
  { Origin: "null" },
  {},
];
const SAME_ORIGIN = { Origin: "http://localhost", "Sec-Fetch-Site": "same-origin" };

const request = (url: string, method: string, headers: Record<string, string>, body?: BodyInit) =>
  new Request(`http://localhost${url}`, { method, headers, body });
const codeOf = async (res: Response) => ((await res.clone().json()) as { error?: { code: string } }).error?.code;

describeEachDatabase("cross-site request forgery", (get) => {
  let admin: { id: string; token: string };

  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    sessionUserId = undefined;
  });

  beforeAll(async () => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    const { db } = get();
    const user = await createUser(db, { email: `admin-${Date.now()}@example.org`, name: "Admin" });
    await db.update(users).set({ role: "admin" }).where(eq(users.id, user.id));
    admin = { id: user.id, token: (await createApiToken(db, user.id, "script")).token };
  });

  it("refuses every cookie-authenticated state-changing route handler called from another origin, and changes nothing", async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(10);
    const { db } = get();
    const before = (await listApiTokens(db, admin.id)).length;
    sessionUserId = admin.id;
    let checked = 0;
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of UNSAFE) {
        const handler = mod[method] as ((req: Request, ctx: unknown) => Promise<Response>) | undefined;
        if (!handler) continue;
        const ctx = { params: Promise.resolve({ slug: "higgs-boson", id: "1", file: "train.csv" }) };
        for (const headers of CROSS_SITE) {
          const body = method === "DELETE" ? undefined : JSON.stringify({ name: "forged", selected: true });
          const res = await handler(request("/x", method, { ...headers, "Content-Type": "text/plain" }, body), ctx);
          expect({ file: path.relative(root, file), method, headers, status: res.status, code: await codeOf(res) }).toMatchObject({
            status: 403,
            code: "cross_site",
          });
        }
        checked++;
      }
    }
    // tokens POST, tokens/[id] DELETE, submissions POST, final POST, bundles POST, imports POST at least.
    expect(checked).toBeGreaterThanOrEqual(6);
    expect((await listApiTokens(db, admin.id)).length).toBe(before);
  });

  it("accepts the site's own pages, and API tokens from anywhere (no browser attaches a token by itself)", async () => {
    const tokens = await import("@/app/api/v1/tokens/route");
    const json = { "Content-Type": "application/json" };
    sessionUserId = admin.id;
    const own = await tokens.POST(request("/api/v1/tokens", "POST", { ...SAME_ORIGIN, ...json }, JSON.stringify({ name: "laptop" })));
    expect(own.status).toBe(201);
    // Behind a proxy the browser's origin is the public host, which the proxy passes on.
    const proxied = await tokens.POST(
      request(
        "/api/v1/tokens",
        "POST",
        { Origin: "https://arena.example.org", "X-Forwarded-Host": "arena.example.org", ...json },
        JSON.stringify({ name: "proxied" }),
      ),
    );
    expect(proxied.status).toBe(201);
    sessionUserId = undefined;
    const final = await import("@/app/api/v1/challenges/[slug]/submissions/[id]/final/route");
    // A token passes the origin check (then fails on what it asks for: no such challenge).
    const res = await final.POST(
      request(
        "/api/v1/challenges/nope/submissions/1/final",
        "POST",
        { Authorization: `Bearer ${admin.token}`, Origin: "http://evil.localhost", ...json },
        "{}",
      ),
      { params: Promise.resolve({ slug: "nope", id: "1" }) },
    );
    expect(res.status).toBe(404);
  });

  it("requires application/json where JSON is expected (a text/plain body is a 'simple' cross-site request)", async () => {
    const tokens = await import("@/app/api/v1/tokens/route");
    sessionUserId = admin.id;
    const plain = await tokens.POST(
      request("/api/v1/tokens", "POST", { ...SAME_ORIGIN, "Content-Type": "text/plain" }, JSON.stringify({ name: "x" })),
    );
    expect(plain.status).toBe(415);
    expect(await codeOf(plain)).toBe("unsupported_media_type");
    const broken = await tokens.POST(request("/api/v1/tokens", "POST", { ...SAME_ORIGIN, "Content-Type": "application/json" }, "{name:"));
    expect(broken.status).toBe(400);
  });
});
