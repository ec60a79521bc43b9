import { describe, expect, it } from "vitest";
import { RateLimiter } from "@/lib/rate-limit";

describe("RateLimiter", () => {
  it("allows `limit` hits per window per key, then says how long to wait", () => {
    const r = new RateLimiter(3, 60_000);
    const t0 = 1_000_000;
    expect([r.hit("a", t0), r.hit("a", t0 + 1), r.hit("a", t0 + 2)]).toEqual([0, 0, 0]);
    expect(r.hit("a", t0 + 10_000)).toBe(50);
    expect(r.hit("b", t0 + 10_000)).toBe(0); // keys are counted apart
    expect(r.hit("a", t0 + 60_000)).toBe(0); // a new window
  });
});
