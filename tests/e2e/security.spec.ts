import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./helpers";

const SLUG = "higgs-boson";

/** Every CSP violation a page reports, from the console and from the DOM event. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.log(`Refused to (CSP event): ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return violations;
}

test("every page carries the security headers and runs without a CSP violation", async ({ page }) => {
  test.setTimeout(120_000);
  const violations = watchCsp(page);
  const res = await page.goto("/");
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  await signUp(page, "Csp Checker", `csp-${Date.now()}@example.org`);
  for (const path of [
    "/",
    "/challenges",
    `/challenges/${SLUG}`,
    `/challenges/${SLUG}/data`,
    `/challenges/${SLUG}/leaderboard`,
    `/challenges/${SLUG}/submit`,
    "/profile",
    "/api-docs",
  ]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  // Client-side navigation and an interactive form too.
  await page.goto("/profile");
  await page.getByLabel("New token name").fill("csp");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("tokens")).toContainText("csp");
  expect(violations).toEqual([]);
});

test("a server action forged from another origin is refused and changes nothing", async ({ page }) => {
  await signUp(page, "Forge Target", `forge-${Date.now()}@example.org`);
  await page.goto("/profile");
  await page.getByLabel("New token name").fill("real");
  const [action] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined),
    page.getByRole("button", { name: "Create token" }).click(),
  ]);
  await expect(page.getByTestId("tokens")).toContainText("real");
  const rows = async () => {
    await page.goto("/profile");
    return page.getByTestId("tokens").locator("tr").count();
  };
  const before = await rows();
  // The same request, the victim's cookie attached, as a page on another port of the same site would send it.
  const headers = { ...action.headers(), origin: "http://localhost:1" };
  const forged = await page.request.fetch(action.url(), { method: "POST", headers, data: action.postDataBuffer()! });
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  expect(await rows()).toBe(before);
  // The very same request from our own origin does create a token: the refusal above is the origin check.
  const genuine = await page.request.fetch(action.url(), { method: "POST", headers: action.headers(), data: action.postDataBuffer()! });
  expect(genuine.status()).toBe(200);
  expect(await rows()).toBe(before + 1);
});

test("a copied session cookie stops working once its owner signs out", async ({ page, browser }) => {
  await signUp(page, "Cookie Owner", `cookie-${Date.now()}@example.org`);
  const copied = await page.context().cookies();
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/profile");
  await expect(stolen.getByTestId("current-user")).toHaveText("Cookie Owner");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await stolen.goto("/profile");
  await expect(stolen).toHaveURL(/\/sign-in/);
  await thief.close();
});

test("sign-in backs off after repeated wrong passwords, with a clear message", async ({ page }) => {
  test.setTimeout(120_000);
  const email = `throttled-${Date.now()}@example.org`;
  await signUp(page, "Throttled", email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto("/sign-in");
  // Five free tries, then waits of 1, 2, 4 … s: keep guessing until a guess lands inside a wait.
  const alert = page.getByRole("alert").filter({ hasText: /Wrong email or password\.|Too many sign-in attempts/ });
  for (let i = 0; i < 10; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-password-${i}`);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    // The alert can still show the previous guess's message when the response lands; wait for the action to settle (the
    // button is back and React has reset the form), or the next guess is typed into a form that the reset then empties.
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(alert).toBeVisible();
    if ((await alert.textContent())?.includes("Too many")) break;
    expect(i).toBeLessThan(9);
  }
  await expect(alert).toContainText("Too many sign-in attempts for this account or from your network. Try again in");
});
