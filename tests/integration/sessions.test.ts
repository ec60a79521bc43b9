import { beforeEach, expect, it, vi } from "vitest";

// The browser's session cookie, as Auth.js decodes it: who, and under which session version it was issued.
let cookie: { id: string; sessionVersion: number } | undefined;
vi.mock("@/auth", () => ({ auth: async () => (cookie ? { user: { id: cookie.id }, sessionVersion: cookie.sessionVersion } : null) }));

import { createUser, getUserById, setPasswordHash } from "@/db/queries/users";
import { changeRole, currentUser, endSessions, hasRole } from "@/lib/authz";
import { describeEachDatabase } from "./databases";

const DB_KEY = Symbol.for("collider-arena.db");

describeEachDatabase("sessions", (get) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    cookie = undefined;
  });

  async function signedIn() {
    const user = await createUser(get().db, { email: `s-${Date.now()}-${Math.random()}@example.org`, name: "S" });
    cookie = { id: user.id, sessionVersion: user.sessionVersion };
    expect((await currentUser())?.id).toBe(user.id);
    return user;
  }

  it("voids a copied cookie at once after sign-out (or an admin's sign out everywhere)", async () => {
    const user = await signedIn();
    const copied = { ...cookie! };
    await endSessions(get().db, user.id);
    cookie = copied;
    expect(await currentUser()).toBeUndefined();
    // Signing in again issues a cookie under the new version.
    cookie = { id: user.id, sessionVersion: (await getUserById(get().db, user.id))!.sessionVersion };
    expect((await currentUser())?.id).toBe(user.id);
  });

  it("voids every cookie of the account when its password changes", async () => {
    const user = await signedIn();
    await setPasswordHash(get().db, user.id, "scrypt$1$1$1$AA==$AA==");
    // No in-process invalidation here: the account row is cached at most two seconds.
    await new Promise((r) => setTimeout(r, 2100));
    expect(await currentUser()).toBeUndefined();
  });

  it("applies a role change on the very next request", async () => {
    const user = await signedIn();
    expect(hasRole(await currentUser(), "organiser")).toBe(false);
    await changeRole(get().db, user.id, "organiser");
    expect(hasRole(await currentUser(), "organiser")).toBe(true);
    await changeRole(get().db, user.id, "competitor");
    expect(hasRole(await currentUser(), "organiser")).toBe(false);
  });
});
