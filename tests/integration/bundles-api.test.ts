/** The bundle routes: export for the challenge's organisers only, import for organisers, bad bundles refused whole. */
import { beforeEach, expect, it, vi } from "vitest";

let sessionUserId: string | undefined;
vi.mock("@/auth", () => ({ auth: async () => (sessionUserId ? { user: { id: sessionUserId } } : null) }));

import * as exportRoute from "@/app/api/v1/challenges/[slug]/bundle/route";
import * as importRoute from "@/app/api/v1/bundles/route";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { createUser } from "@/db/queries/users";
import { challenges } from "@/db/schema";
import { describeEachDatabase } from "./databases";
import { makeHiggsChallenge } from "./queue-fixtures";
import { eq } from "drizzle-orm";

const DB_KEY = Symbol.for("collider-arena.db");
let n = 0;

describeEachDatabase("bundle routes", (get) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    sessionUserId = undefined;
  });

  it("exports to the organiser, imports for an organiser under a new slug, and refuses others", async () => {
    const { db } = get();
    const mk = (role: "organiser" | "competitor") => createUser(db, { email: `b${Date.now()}-${n++}@example.org`, name: "x", role });
    const organiser = await mk("organiser");
    const competitor = await mk("competitor");
    const { challenge } = await makeHiggsChallenge(db);
    await db.update(challenges).set({ createdBy: organiser.id }).where(eq(challenges.id, challenge.id));
    const exp = () =>
      exportRoute.GET(new Request(`http://localhost/api/v1/challenges/${challenge.slug}/bundle`), {
        params: Promise.resolve({ slug: challenge.slug }),
      });

    expect((await exp()).status).toBe(401);
    sessionUserId = competitor.id;
    expect((await exp()).status).toBe(404);
    sessionUserId = organiser.id;
    const res = await exp();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    const zip = new Uint8Array(await res.arrayBuffer());

    const post = (body: Uint8Array<ArrayBuffer>, slug: string) =>
      importRoute.POST(
        new Request(`http://localhost/api/v1/bundles?slug=${slug}`, { method: "POST", body, headers: { Origin: "http://localhost" } }),
      );
    sessionUserId = competitor.id;
    expect((await post(zip, `copy-${n}`)).status).toBe(403);
    sessionUserId = organiser.id;
    const bad = await post(new TextEncoder().encode("not a zip"), `bad-${n}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("bad_bundle");
    const slug = `copy-${Date.now()}`;
    const created = await post(zip, slug);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ challenge: { slug, url: `/challenges/${slug}` } });
    expect((await getChallengeBySlug(db, slug))?.createdBy).toBe(organiser.id);
  });
});
