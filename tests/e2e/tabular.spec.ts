import { expect, type Page, test } from "@playwright/test";
import { signIn, signUp } from "./helpers";

const SLUG = `mass-${Date.now().toString(36)}`;
const IDS = [1, 2, 3, 4, 5, 6];
const TRUTH = [100, 120, 90, 125, 91, 130];
const csv = (lines: string[]) => Buffer.from(`${lines.join("\n")}\n`);
const file = (name: string, lines: string[]) => ({ name, mimeType: "text/csv", buffer: csv(lines) });
const predictions = (offset: (i: number) => number) =>
  file("predictions.csv", ["EventId,prediction", ...IDS.map((id, k) => `${id},${TRUTH[k]! + offset(id)}`)]);

/** The Organise page's data import form with a tabular challenge's files and choices filled in (not yet imported). */
async function fillTabularForm(
  page: Page,
  p: { title: string; slug: string; train: string[]; test: string[]; target: string; metric: string },
) {
  await page.goto("/organise");
  // The data import form (the bundle form beside it has its own slug field and Import button).
  const form = page.locator("form").filter({ hasText: "Create a challenge from real data files" });
  await form
    .getByRole("combobox", { name: /^Data/ })
    .selectOption({ label: "Tabular: your own train.csv, test.csv and answer key, any metric" });
  await form.getByLabel("Title", { exact: true }).fill(p.title);
  await form.getByLabel("Slug", { exact: true }).fill(p.slug);
  await form.getByLabel(/^Training data/).setInputFiles(file("train.csv", p.train));
  await form.getByLabel(/^Test data/).setInputFiles(file("test.csv", p.test));
  await form.getByLabel(/^Target/).selectOption(p.target);
  await form.getByLabel(/^Metric/).selectOption(p.metric);
  return form;
}

test("a teacher creates a regression challenge from three CSV files, students submit, the board ranks the smaller error first", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await signIn(page, "admin@example.org", "admin-passphrase-42");
  const form = await fillTabularForm(page, {
    title: "Di-tau mass by hand",
    slug: SLUG,
    train: ["x,mass", "0.1,125", "0.2,91"],
    test: ["EventId,x", ...IDS.map((id) => `${id},${id / 10}`)],
    target: "real",
    metric: "rmse",
  });
  // A key that leaves the private leaderboard empty: refused with the reason, nothing created.
  await form
    .getByLabel(/^Answer key/)
    .setInputFiles(file("solution.csv", ["EventId,Label,Usage", ...IDS.map((id, k) => `${id},${TRUTH[k]},Public`)]));
  await form.getByRole("button", { name: "Import" }).click();
  await expect(form.getByRole("alert")).toContainText("solution.csv: no Private rows");
  await form
    .getByLabel(/^Answer key/)
    .setInputFiles(
      file("solution.csv", ["EventId,Label,Usage", ...IDS.map((id, k) => `${id},${TRUTH[k]},${id % 2 ? "Public" : "Private"}`)]),
    );
  await form.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(new RegExp(`/challenges/${SLUG}/manage$`), { timeout: 60_000 });

  // Two students: one off by 2 on every event (RMSE 2), one off by 1 (RMSE 1).
  for (const [name, offset] of [
    ["Lise Meitner", 2],
    ["Chien-Shiung Wu", 1],
  ] as const) {
    const student = await browser.newPage();
    await signUp(student, name, `${name.split(" ")[0]!.toLowerCase()}-${Date.now()}@example.org`);
    await student.goto(`/challenges/${SLUG}/submit`);
    await student.getByLabel(/Predictions file/).setInputFiles(predictions(() => offset));
    await student.getByRole("button", { name: "Submit" }).click();
    await expect(student.getByTestId("submissions").getByRole("listitem").first().getByTestId("status")).toHaveText("scored", {
      timeout: 60_000,
    });
    await student.close();
  }
  await page.goto(`/challenges/${SLUG}/leaderboard`);
  await expect(page.getByText("lower is better")).toBeVisible();
  const rows = page.getByTestId("leaderboard").locator("tbody tr");
  await expect(rows.nth(0)).toContainText("Chien-Shiung Wu");
  await expect(rows.nth(0)).toContainText("1.00000");
  await expect(rows.nth(1)).toContainText("Lise Meitner");
  await expect(rows.nth(1)).toContainText("2.00000");
});

test("an organiser trains the tabular baseline of their own challenge from the manage page", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, "admin@example.org", "admin-passphrase-42");
  const slug = `classes-${Date.now().toString(36)}`;
  // Three classes told apart by x alone; 300 training and 120 test events.
  const cls = (x: number) => (x < -0.5 ? "low" : x < 0.5 ? "mid" : "high");
  const x = (i: number) => Math.sin(i * 12.9898) * 1.5;
  const ids = Array.from({ length: 120 }, (_, i) => i + 1);
  const form = await fillTabularForm(page, {
    title: "Three classes",
    slug,
    train: ["x,noise,Class", ...Array.from({ length: 300 }, (_, i) => `${x(i + 1000)},${i % 5},${cls(x(i + 1000))}`)],
    test: ["EventId,x,noise", ...ids.map((id) => `${id},${x(id)},${id % 5}`)],
    target: "multiclass",
    metric: "log-loss",
  });
  await form
    .getByLabel(/^Answer key/)
    .setInputFiles(
      file("solution.csv", ["EventId,Class,Usage", ...ids.map((id) => `${id},${cls(x(id))},${id % 2 ? "Public" : "Private"}`)]),
    );
  await form.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(new RegExp(`/challenges/${slug}/manage$`), { timeout: 60_000 });
  await page.getByRole("spinbutton", { name: /Epochs/ }).fill("20");
  await page.getByRole("button", { name: "Train the baseline" }).click();
  await expect(page.getByText(/^Queued/)).toBeVisible();
  const run = page.getByTestId("baseline-runs").getByRole("listitem").first();
  await expect(run.getByTestId("baseline-status")).toHaveText("done", { timeout: 90_000 });
  await expect(run).toContainText(/Baseline: (XGBoost|MLP).*: public score \d\.\d{5}/);
  await page.goto(`/challenges/${slug}/leaderboard`);
  await expect(page.getByRole("cell", { name: /^Benchmark: Baseline: (XGBoost|MLP)/ })).toBeVisible();
});
