import { gunzipSync } from "node:zlib";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { PASSWORD, signIn, signUp } from "./helpers";

const SLUG = "higgs-boson";
const ADMIN = { email: "admin@example.org", password: "admin-passphrase-42" };

async function setVerification(page: Page, required: boolean): Promise<void> {
  await page.goto("/admin/outbox");
  const button = page.getByRole("button", { name: required ? "Require verified addresses" : "Stop requiring verification" });
  if (await button.isVisible()) {
    await button.click();
    await expect(page.getByText(required ? "Verification is required" : "Verification is off")).toBeVisible();
  }
}

/** The link in the newest outbox mail to `email` whose subject matches. */
async function linkFromOutbox(admin: Page, email: string, subject: RegExp): Promise<string> {
  await admin.goto("/admin/outbox");
  const mail = admin.getByTestId("outbox").getByRole("listitem").filter({ hasText: email }).filter({ hasText: subject }).first();
  const link = /https?:\/\/\S+token=[A-Za-z0-9_-]+/.exec((await mail.textContent()) ?? "")?.[0];
  expect(link, `a link in the mail to ${email}`).toBeTruthy();
  return new URL(link!).pathname + new URL(link!).search;
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

async function adminPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
  return page;
}

test.describe.configure({ mode: "serial" });

test.afterAll(async ({ browser }) => {
  // Later specs expect the quick start's default: no verification.
  await setVerification(await adminPage(browser), false);
});

test("without SMTP a newcomer submits at once; once an admin requires it, a new account verifies through the outbox, then submits", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const sample = gunzipSync(await (await page.request.get(`/challenges/${SLUG}/data/sample_submission.csv`)).body());

  // The quick start's default: nothing to verify before the first submission.
  await signUp(page, "Early Bird", `early-${Date.now()}@example.org`);
  await page.goto(`/challenges/${SLUG}/submit`);
  await expect(page.getByRole("button", { name: "Submit" })).toBeVisible();
  await expect(page.getByTestId("verify-email-notice")).toHaveCount(0);

  const admin = await adminPage(browser);
  await setVerification(admin, true);
  await expect(admin.getByTestId("verification-state")).toContainText("Required (set by an admin)");

  const newcomer = await (await browser.newContext()).newPage();
  const email = `lise-${Date.now()}@example.org`;
  await signUp(newcomer, "Lise Meitner", email);
  await newcomer.goto(`/challenges/${SLUG}/submit`);
  await expect(newcomer.getByTestId("verify-email-notice")).toContainText("Verify your address");
  await expect(newcomer.getByRole("button", { name: "Submit" })).toHaveCount(0);
  const refused = await newcomer.request.post(`/api/v1/challenges/${SLUG}/submissions`, {
    data: sample,
    headers: { "Content-Type": "text/csv", "X-Filename": "early.csv", Origin: new URL(newcomer.url()).origin },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("email_unverified");
  // A second link within the minute is refused with when to retry.
  await newcomer.getByRole("button", { name: "Send me a new link" }).click();
  await expect(newcomer.getByRole("alert").filter({ hasText: "A link was sent recently" })).toBeVisible();

  const verify = await linkFromOutbox(admin, email, /confirm your email/);
  await newcomer.goto(verify);
  await newcomer.getByRole("button", { name: "Confirm my address" }).click();
  await expect(newcomer.getByText(`${email} is verified`)).toBeVisible();
  // The link works once.
  await newcomer.goto(verify);
  await newcomer.getByRole("button", { name: "Confirm my address" }).click();
  await expect(newcomer.getByRole("alert").filter({ hasText: "used, expired or wrong" })).toBeVisible();

  await newcomer.goto("/profile");
  await expect(newcomer.getByTestId("email-status")).toHaveText("(verified)");
  await newcomer.goto(`/challenges/${SLUG}/submit`);
  await newcomer.getByLabel(/Predictions file/).setInputFiles({ name: "sample_submission.csv", mimeType: "text/csv", buffer: sample });
  await newcomer.getByRole("button", { name: "Submit" }).click();
  await expect(newcomer.getByTestId("submissions").getByRole("listitem").first().getByTestId("status")).toHaveText("scored", {
    timeout: 60_000,
  });
});

test("a forgotten password is reset through the mailed link, which works once", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = `emmy-${Date.now()}@example.org`;
  await signUp(page, "Emmy Noether", email);
  await signOut(page);

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  // The sign-in page has an Email field too: type only once the new page is there.
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  const neutral = "If an account uses this address, we have sent it a link";
  await expect(page.getByRole("status").filter({ hasText: neutral })).toBeVisible();
  // The same answer for an address with no account.
  await page.getByLabel("Email").fill(`nobody-${Date.now()}@example.org`);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status").filter({ hasText: neutral })).toBeVisible();

  const reset = await linkFromOutbox(await adminPage(browser), email, /new password/);
  await page.goto(reset);
  await page.getByLabel("New password", { exact: true }).fill("a-fresh-passphrase-9");
  await page.getByLabel("New password again").fill("a-fresh-passphrase-8");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("The two passwords differ")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("a-fresh-passphrase-9");
  await page.getByLabel("New password again").fill("a-fresh-passphrase-9");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password is changed" })).toBeVisible();

  await signIn(page, email, "a-fresh-passphrase-9");
  await signOut(page);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toBeVisible();

  await page.goto(reset);
  await page.getByLabel("New password", { exact: true }).fill("yet-another-passphrase-3");
  await page.getByLabel("New password again").fill("yet-another-passphrase-3");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "used, expired or wrong" })).toBeVisible();
});
