import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, retryWhileDatabaseUnavailable } from "@/lib/db-unavailable";

const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["a server starting up (57P03)", pgError("57P03", "the database system is starting up")],
    ["a fast shutdown (57P01)", pgError("57P01", "terminating connection due to administrator command")],
    ["a connection exception (class 08)", pgError("08006")],
    ["a dropped connection", new Error("Connection terminated unexpectedly")],
    ["a closed pool", new Error("Cannot use a pool after calling end on the pool")],
    ["a closed PGlite", new Error("PGlite is closed")],
    ["drizzle's wrapper around one", Object.assign(new Error("Failed query: select 1"), { cause: pgError("57P03") })],
    ["happy eyeballs' AggregateError", Object.assign(new AggregateError([pgError("ECONNREFUSED"), pgError("ECONNREFUSED")], ""), {})],
  ])("recognises %s", (_what, err) => expect(isDatabaseUnavailable(err)).toBe(true));

  it.each([
    ["a unique violation", pgError("23505")],
    ["a syntax error", pgError("42601")],
    ["a plain bug", new TypeError("x is undefined")],
    ["nothing", undefined],
    ["a string", "ECONNREFUSED"],
  ])("does not take %s for an outage", (_what, err) => expect(isDatabaseUnavailable(err)).toBe(false));
});

describe("retryWhileDatabaseUnavailable", () => {
  it("repeats while the database is unavailable and returns the first success, telling once", async () => {
    let calls = 0;
    const waits: unknown[] = [];
    const result = await retryWhileDatabaseUnavailable(
      async () => {
        if (++calls < 4) throw pgError("57P03");
        return "ok";
      },
      { maxWaitMs: 5000, initialDelayMs: 5, onWait: (err) => waits.push(err) },
    );
    expect([result, calls, waits.length]).toEqual(["ok", 4, 1]);
  });

  it("throws any other error at once, and an outage longer than maxWaitMs", async () => {
    let calls = 0;
    await expect(
      retryWhileDatabaseUnavailable(
        async () => {
          calls++;
          throw pgError("23505");
        },
        { maxWaitMs: 5000 },
      ),
    ).rejects.toMatchObject({ code: "23505" });
    expect(calls).toBe(1);
    const start = Date.now();
    await expect(
      retryWhileDatabaseUnavailable(
        async () => {
          throw pgError("57P01");
        },
        { maxWaitMs: 200, initialDelayMs: 20 },
      ),
    ).rejects.toMatchObject({ code: "57P01" });
    expect(Date.now() - start).toBeGreaterThanOrEqual(190);
  });
});
