import { expect, test, type Page } from "@playwright/test";
import { PASSWORD as password, signUp } from "./helpers";

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

test("a new user signs up, signs out, signs in and sees the challenges", async ({ page }) => {
  const email = `ada-${Date.now()}@example.org`;
  await signUp(page, "Ada Lovelace", email);
  await expect(page.getByRole("heading", { name: "Challenges" })).toBeVisible();
  await signOut(page);

  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText("Ada Lovelace");
  await expect(page.getByTestId("challenge-list").getByRole("listitem").first()).toBeVisible();

  await page.goto("/profile");
  await expect(page.getByTestId("role")).toHaveText("competitor");
});

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  const email = `grace-${Date.now()}@example.org`;
  await signUp(page, "Grace", email);
  await signOut(page);

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong email or password.");
  await expect(page.getByTestId("current-user")).toHaveCount(0);
  // What was typed stays, except the password.
  await expect(page.getByLabel("Email")).toHaveValue(email);
});

test("sign-up refuses a taken email without confirming the account, and explains a weak password and a malformed email", async ({
  page,
}) => {
  const email = `twice-${Date.now()}@example.org`;
  await signUp(page, "First", email);
  await signOut(page);

  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Second");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(
    page.getByText("We could not create an account with these details. If you already have one, sign in instead."),
  ).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: email })).toHaveCount(0);

  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address, like ada@example.org")).toBeVisible();
  await expect(page.getByText("Password must be at least 12 characters")).toBeVisible();
});

test("an unknown address shows the 404 page", async ({ page }) => {
  const res = await page.goto("/no/such/page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const res2 = await page.goto("/challenges/no-such-challenge");
  expect(res2?.status()).toBe(404);
});
