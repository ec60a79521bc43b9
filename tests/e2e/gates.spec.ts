import { expect, test } from "@playwright/test";
import { gatedFiles, gatedSubmission } from "../fixtures/gated-tabular";
import { signIn, signUp } from "./helpers";

const SLUG = `gated-${Date.now().toString(36)}`;
const files = gatedFiles();
const file = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

test("an organiser switches the KS agreement check on; a submission whose scores depend on the origin shows the failed check, and is ranked once the check is off", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await signIn(page, "admin@example.org", "admin-passphrase-42");
  await page.goto("/organise");
  const form = page.locator("form").filter({ hasText: "Create a challenge from real data files" });
  await form
    .getByRole("combobox", { name: /^Data/ })
    .selectOption({ label: "Tabular: your own train.csv, test.csv and answer key, any metric" });
  await form.getByLabel("Title", { exact: true }).fill("Gated search");
  await form.getByLabel("Slug", { exact: true }).fill(SLUG);
  await form.getByLabel(/^Training data/).setInputFiles(file("train.csv", files.train));
  await form.getByLabel(/^Test data/).setInputFiles(file("test.csv", files.test));
  await form.getByLabel(/^Answer key/).setInputFiles(file("solution.csv", files.solution));
  await form.getByLabel(/^Target/).selectOption("binary");
  await form.getByLabel(/^Metric/).selectOption("auc");
  await form.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(new RegExp(`/challenges/${SLUG}/manage$`), { timeout: 60_000 });

  // The manage page: switch the agreement check on at the published threshold.
  const checks = page.locator("form").filter({ hasText: "Agreement between simulation and real data" });
  await checks.getByLabel(/Agreement between simulation and real data/).check();
  await checks.getByRole("button", { name: "Save the checks" }).click();
  await expect(checks.getByText("Checks on: KS agreement below 0.09")).toBeVisible();

  const student = await browser.newPage();
  await signUp(student, "Vera Rubin", `vera-${Date.now()}@example.org`);
  await student.goto(`/challenges/${SLUG}/submit`);
  const rows = student.getByTestId("submissions").getByRole("listitem");
  await student.getByLabel(/Predictions file/).setInputFiles(file("origin-aware.csv", gatedSubmission("originAware")));
  await student.getByRole("button", { name: "Submit" }).click();
  await expect(rows.first().getByTestId("status")).toHaveText("failed", { timeout: 60_000 });
  await rows.first().getByRole("link").first().click();
  const result = student.getByTestId("gate-results").locator('tr[data-gate="ks-agreement"]');
  await expect(result).toContainText("KS agreement");
  await expect(result).toContainText("0.09");
  await expect(result).toContainText("failed: not ranked");
  await expect(student.getByText("This submission failed a check, so it is not ranked.")).toBeVisible();
  await student.close();

  // Not ranked: the failed submission puts nobody on the board.
  await page.goto(`/challenges/${SLUG}/leaderboard`);
  await expect(page.getByText("Vera Rubin")).toHaveCount(0);

  // Switching the check off rescores the earlier submission: once the worker has, it is ranked.
  await page.goto(`/challenges/${SLUG}/manage`);
  await checks.getByLabel(/Agreement between simulation and real data/).uncheck();
  await checks.getByRole("button", { name: "Save the checks" }).click();
  await expect(checks.getByText("No checks: every valid submission is ranked. 1 submission will be rescored.")).toBeVisible();
  await expect(async () => {
    await page.goto(`/challenges/${SLUG}/leaderboard`);
    await expect(page.getByText("Vera Rubin")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
});
