import { gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { loadXgboost } from "../../lib/ml/xgboost";
import { signIn, signUp } from "./helpers";

const SLUG = `physics-${Date.now().toString(36)}`;
// Where libxgboost0 is absent the manage page offers the tfjs family only (the same XGBOOST_LIBRARY reaches the server).
const xgboost = loadXgboost();
// Said once when the file is collected, so a bare machine's run shows why the baseline is tfjs.
if (!xgboost.xgb) console.warn(`classroom.spec: the baseline checks expect tfjs, XGBoost being unavailable: ${xgboost.reason}`);
const BASELINE = xgboost.xgb ? /Baseline: XGBoost, \d+ trees [^:]*/ : /Baseline: MLP [\d-]+ ReLU, ensemble of \d+ \(tfjs, seed \d+\)/;

test("a teacher creates a simulated class challenge, a student joins with the code and submits, the teacher exports grades", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  // The initial admin is the teacher (admins may do what organisers do).
  await signIn(page, "admin@example.org", "admin-passphrase-42");
  await page.goto("/organise/new");
  await page.getByLabel("Title").fill("Physics 101: find the Higgs");
  await page.getByLabel(/^Slug/).fill(SLUG);
  await page.getByLabel(/^Description/).fill("# Welcome\n\nUse **any** method.");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview").getByRole("heading", { name: "Welcome" })).toBeVisible();
  await page.getByLabel("Training events", { exact: true }).fill("500");
  await page.getByLabel("Test events", { exact: true }).fill("1000");
  // A mistake first: the end before the start is refused with the field's message, and what was typed stays.
  await page.getByLabel("Ends (UTC)", { exact: true }).fill("2020-01-01T00:00");
  await page.getByRole("button", { name: "Create the challenge" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The end must be after the start" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Physics 101: find the Higgs");
  await page.getByLabel("Ends (UTC)", { exact: true }).fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16));
  await page.getByRole("button", { name: "Create the challenge" }).click();
  await expect(page).toHaveURL(new RegExp(`/challenges/${SLUG}/manage$`), { timeout: 60_000 });
  const joinUrl = (await page.getByTestId("join-url").textContent())!.trim();

  // The challenge is private: a visitor without the code sees nothing.
  const student = await browser.newPage();
  expect((await student.request.get(`/challenges/${SLUG}`)).status()).toBe(404);
  await signUp(student, "Emmy Noether", `emmy-${Date.now()}@example.org`);
  await student.goto(new URL(joinUrl).pathname);
  await student.getByRole("button", { name: "Join the challenge" }).click();
  await expect(student).toHaveURL(new RegExp(`/challenges/${SLUG}$`));
  await expect(student.getByRole("heading", { name: "Welcome" })).toBeVisible();
  const sample = gunzipSync(await (await student.request.get(`/challenges/${SLUG}/data/sample_submission.csv`)).body());
  await student.goto(`/challenges/${SLUG}/submit`);
  await student.getByLabel(/Predictions file/).setInputFiles({ name: "sample.csv", mimeType: "text/csv", buffer: sample });
  await student.getByRole("button", { name: "Submit" }).click();
  await expect(student.getByTestId("submissions").getByRole("listitem").first().getByTestId("status")).toHaveText("scored", {
    timeout: 60_000,
  });
  // Students cannot reach the teacher's pages.
  expect((await student.request.get(`/challenges/${SLUG}/manage/grades`)).status()).toBe(404);

  await page.reload();
  await expect(page.getByTestId("roster")).toContainText("Emmy Noether");
  const grades = await (await page.request.get(`/challenges/${SLUG}/manage/grades`)).text();
  expect(grades.split("\n")[0]).toBe("Name,Email,Team,Submissions,BestPublic,PublicRank,BestPrivate,PrivateRank");
  expect(grades).toMatch(/Emmy Noether,emmy-\d+@example\.org,Emmy Noether,1,0,1,0,1/);
});

test("an organiser trains the reference baseline from the manage page and watches it finish", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@example.org", "admin-passphrase-42");
  await page.goto("/challenges/higgs-boson/manage");
  await expect(page.getByTestId("family-unavailable")).toHaveCount(xgboost.xgb ? 0 : 1);
  await page.getByRole("spinbutton", { name: /Epochs/ }).fill("5");
  await page.getByRole("button", { name: "Train the baseline" }).click();
  await expect(page.getByText(/^Queued/)).toBeVisible();
  const run = page.getByTestId("baseline-runs").getByRole("listitem").first();
  await expect(run.getByTestId("baseline-status")).toHaveText("done", { timeout: 90_000 });
  await expect(run).toContainText(new RegExp(`${BASELINE.source}: public score \\d\\.\\d{5}`));
  await page.goto("/challenges/higgs-boson/leaderboard");
  await expect(page.getByText(BASELINE)).toBeVisible();
});
