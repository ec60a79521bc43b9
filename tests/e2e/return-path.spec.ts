import { expect, test } from "@playwright/test";
import { PASSWORD, signIn } from "./helpers";

const SLUG = `return-${Date.now().toString(36)}`;

test("a student follows a class link, creates an account on the way and comes back to join", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@example.org", "admin-passphrase-42");
  await page.goto("/organise/new");
  await page.getByLabel("Title").fill("Return path class");
  await page.getByLabel(/^Slug/).fill(SLUG);
  await page.getByLabel("Training events", { exact: true }).fill("500");
  await page.getByLabel("Test events", { exact: true }).fill("1000");
  await page.getByRole("button", { name: "Create the challenge" }).click();
  await expect(page).toHaveURL(new RegExp(`/challenges/${SLUG}/manage$`), { timeout: 60_000 });
  const joinPath = new URL((await page.getByTestId("join-url").textContent())!.trim()).pathname;
  // For the classroom projector: a QR code of the link and a copy button.
  await expect(page.getByTestId("join-qr").locator("svg")).toBeVisible();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy the link" }).click();
  await expect(page.getByRole("button", { name: "Copied ✓" })).toBeVisible();
  expect(new URL(await page.evaluate(() => navigator.clipboard.readText())).pathname).toBe(joinPath);

  const student = await browser.newPage();
  await student.goto(joinPath);
  await expect(student).toHaveURL(/\/sign-in\?callbackUrl=/);
  await student.getByRole("link", { name: "Create an account" }).click();
  await expect(student).toHaveURL(/\/sign-up\?callbackUrl=/);
  await student.getByLabel("Name").fill("Lise Meitner");
  await student.getByLabel("Email").fill(`lise-${Date.now()}@example.org`);
  await student.getByLabel("Password").fill(PASSWORD);
  await student.getByRole("button", { name: "Create account" }).click();
  await expect(student).toHaveURL(new RegExp(`${joinPath}$`));
  await student.getByRole("button", { name: "Join the challenge" }).click();
  await expect(student).toHaveURL(new RegExp(`/challenges/${SLUG}$`));
});

test("a return path that leaves the site is refused: sign-in and sign-up land on the home page", async ({ page }) => {
  const email = `redirect-${Date.now()}@example.org`;
  await page.goto("/sign-up?callbackUrl=https%3A%2F%2Fevil.example%2F");
  await expect(page.getByRole("link", { name: "Sign in" }).last()).toHaveAttribute("href", "/sign-in");
  await page.getByLabel("Name").fill("Mallory's target");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);

  for (const target of ["//evil.example/x", "/\\evil.example", "https://evil.example"]) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("current-user")).toBeVisible();
    expect(new URL(page.url()).pathname, target).toBe("/");
    expect(new URL(page.url()).host, target).toBe(new URL(test.info().project.use.baseURL!).host);
  }
});
