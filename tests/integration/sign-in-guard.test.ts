import { performance } from "node:perf_hooks";
import { NextRequest } from "next/server";
import { afterEach, beforeEach, expect, it, vi } from "vitest";

process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-42";

import { createUser } from "@/db/queries/users";
import { signInThrottle } from "@/db/schema";
import { CLIENT_IP_HEADER } from "@/lib/client-ip";
import { hashPassword } from "@/lib/password";
import { ACCOUNT_POLICY, ADDRESS_POLICY, checkCredentials, SignInThrottled } from "@/lib/sign-in-guard";
import { describeEachDatabase } from "./databases";

const DB_KEY = Symbol.for("collider-arena.db");
const PASSWORD = "a-good-passphrase-7";
let n = 0;
const email = (what: string) => `${what}-${Date.now()}-${n++}@example.org`;

describeEachDatabase("sign-in throttling and equal-time checks", (get) => {
  beforeEach(async () => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    await get().db.delete(signInThrottle);
  });
  afterEach(() => vi.restoreAllMocks());

  let passwordHash: Promise<string> | undefined;
  async function account() {
    passwordHash ??= hashPassword(PASSWORD);
    const user = await createUser(get().db, { email: email("user"), name: "U", passwordHash: await passwordHash });
    return user.email!;
  }

  it("backs off one account after five wrong passwords, even for the right one, and forgives after a success", async () => {
    const { db } = get();
    const mail = await account();
    // A fixed clock: the back-off is judged on the attempts' own times, however slow scrypt runs here.
    let clock = Date.parse("2026-01-01T12:00:00Z");
    const now = () => new Date(clock);
    const check = (who: string, password: string, address: string) => checkCredentials(db, who, password, address, undefined, now);
    for (let i = 0; i < ACCOUNT_POLICY.free; i++) expect(await check(mail, "wrong-password-1", "10.0.0.1")).toBeNull();
    const refused = await check(mail, PASSWORD, "10.0.0.2").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SignInThrottled);
    expect((refused as SignInThrottled).retryAfterSeconds).toBe(1);
    // Another account from the same address is not affected.
    expect(await check(await account(), PASSWORD, "10.0.0.1")).not.toBeNull();
    // Still locked 0.9 s later; the first lock is one second, then the owner gets in and the count starts again.
    clock += 900;
    await expect(check(mail, PASSWORD, "10.0.0.1")).rejects.toBeInstanceOf(SignInThrottled);
    clock += 200;
    expect(await check(mail, PASSWORD, "10.0.0.1")).not.toBeNull();
    expect(await check(mail, "wrong-password-1", "10.0.0.1")).toBeNull();
  });

  it("lets at most the free attempts through when twenty guesses arrive in parallel", async () => {
    const { db } = get();
    const mail = await account();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        checkCredentials(db, mail, "wrong-password-1", "10.0.0.3").then(
          () => "checked",
          (e: unknown) => (e instanceof SignInThrottled ? "throttled" : String(e)),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "checked").length).toBeLessThanOrEqual(ACCOUNT_POLICY.free);
    expect(outcomes.filter((o) => o === "throttled").length).toBeGreaterThanOrEqual(20 - ACCOUNT_POLICY.free);
  });

  it("backs off one address guessing across many accounts, and successes from it do not count", async () => {
    const { db } = get();
    // The production policy with fewer free attempts, so the test needs fewer scrypt hashes.
    const policies = { account: ACCOUNT_POLICY, address: { ...ADDRESS_POLICY, free: 4 } };
    const [a, b, c] = [await account(), await account(), await account()];
    for (let i = 0; i < 5; i++) expect(await checkCredentials(db, a, PASSWORD, "10.0.0.4", policies)).not.toBeNull();
    for (let i = 0; i < 4; i++) expect(await checkCredentials(db, email("nobody"), "wrong-password-1", "10.0.0.4", policies)).toBeNull();
    await expect(checkCredentials(db, b, PASSWORD, "10.0.0.4", policies)).rejects.toBeInstanceOf(SignInThrottled);
    expect(await checkCredentials(db, c, PASSWORD, "10.0.0.5", policies)).not.toBeNull();
  });

  it("takes as long for an unknown email as for a known one (one scrypt either way)", async () => {
    const { db } = get();
    const known = await account();
    await checkCredentials(db, email("warm-up"), "wrong-password-1", undefined);
    const time = async (mail: string) => {
      const t0 = performance.now();
      await checkCredentials(db, mail, "wrong-password-1", undefined);
      return performance.now() - t0;
    };
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < 4; i++) {
      knownMs.push(await time(known));
      unknownMs.push(await time(email("unknown")));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
    console.log(`sign-in check: known email ${median(knownMs).toFixed(1)} ms, unknown ${median(unknownMs).toFixed(1)} ms (medians of 4)`);
    // Without the dummy hash an unknown email answered in under a tenth of the time.
    expect(median(unknownMs)).toBeGreaterThan(0.6 * median(knownMs));
  });

  it("answers the sign-in endpoint with 429 and Retry-After once throttled, and logs no stack trace for wrong passwords", async () => {
    const route = await import("@/app/api/auth/[...nextauth]/route");
    const mail = await account();
    const errors = vi.spyOn(console, "error");
    const csrf = await route.GET(new NextRequest("http://localhost/api/auth/csrf"));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const post = () =>
      route.POST(
        new NextRequest("http://localhost/api/auth/callback/credentials", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", cookie, [CLIENT_IP_HEADER]: "10.0.0.6" },
          body: new URLSearchParams({ email: mail, password: "wrong-password-1", csrfToken, callbackUrl: "/" }),
        }),
      );
    for (let i = 0; i < ACCOUNT_POLICY.free; i++) {
      const res = await post();
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toContain("error=CredentialsSignin");
    }
    const throttled = await post();
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await throttled.json()) as { error: { message: string } }).error.message).toMatch(/Too many sign-in attempts/);
    expect(errors).not.toHaveBeenCalled();
  });
});
