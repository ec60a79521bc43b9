/**
 * The challenge-row cache (lib/challenge-access.ts) keeps found rows for a moment, never a miss: a slug looked up
 * before its challenge exists (an organiser checking the address, a student opening the link early) must find the
 * challenge as soon as it is created, not a 404 for the cache's TTL.
 */
import { beforeEach, expect, it, vi } from "vitest";

vi.mock("@/auth", () => ({ auth: async () => null }));

import { findVisibleChallenge } from "@/lib/challenge-access";
import { describeEachDatabase } from "./databases";
import { makeHiggsChallenge } from "./queue-fixtures";

const DB_KEY = Symbol.for("collider-arena.db");

describeEachDatabase("challenge-row cache", (get) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
  });

  it("finds a challenge created right after its slug was looked up and missed", async () => {
    const slug = `early-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
    expect(await findVisibleChallenge(slug)).toBeUndefined();
    // Public (the default): found without a session.
    const { challenge } = await makeHiggsChallenge(get().db, slug);
    expect((await findVisibleChallenge(slug))?.id).toBe(challenge.id);
  });
});
