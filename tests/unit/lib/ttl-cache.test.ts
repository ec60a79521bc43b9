import { describe, expect, it } from "vitest";
import { TtlCache } from "@/lib/ttl-cache";

describe("TtlCache", () => {
  it("shares one computation between callers within the TTL and recomputes after it", async () => {
    const cache = new TtlCache<number>(1000);
    let calls = 0;
    const compute = async () => ++calls;
    expect(await Promise.all([cache.get("k", compute, 0), cache.get("k", compute, 10)])).toEqual([1, 1]);
    expect(await cache.get("k", compute, 999)).toBe(1);
    expect(await cache.get("k", compute, 1000)).toBe(2);
    cache.delete("k");
    expect(await cache.get("k", compute, 1001)).toBe(3);
  });

  it("does not keep failures, and stays within its size", async () => {
    const cache = new TtlCache<number>(1000, 2);
    await expect(cache.get("bad", () => Promise.reject(new Error("x")), 0)).rejects.toThrow("x");
    expect(await cache.get("bad", async () => 5, 1)).toBe(5);
    await cache.get("a", async () => 1, 2);
    await cache.get("b", async () => 2, 3); // evicts the oldest to stay at 2
    expect(await cache.get("bad", async () => 6, 4)).toBe(6);
  });
});
