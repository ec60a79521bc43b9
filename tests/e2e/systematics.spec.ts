import { expect, test } from "@playwright/test";
import { signIn, signUp } from "./helpers";

const SLUG = `robust-${Date.now().toString(36)}`;
/** Words that would tell a competitor the test set is shifted, or by what. */
const LEAKS = [/tauEnergyScale/i, /backgroundNorm/i, /energy scale/i, /normalisation/i, /systematic/i, /shifted/i];

test("an organiser shifts a Higgs test set with systematics knobs: an out-of-range value is refused, the manage page lists the values, competitors see none", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  // The initial admin is the organiser (admins may do what organisers do).
  await signIn(page, "admin@example.org", "admin-passphrase-42");
  await page.goto("/organise/new");
  await page.getByLabel("Kind of challenge").selectOption({ label: "Higgs → ττ classification (AMS)" });
  await page.getByLabel("Title").fill("Robust Higgs hunt");
  await page.getByLabel(/^Slug/).fill(SLUG);
  await page.getByLabel("Training events", { exact: true }).fill("500");
  await page.getByLabel("Test events", { exact: true }).fill("1000");
  await page.getByLabel("Visibility").selectOption("public");
  await page.getByText("Test-set systematics").click();
  const tes = page.getByLabel(/^Tau energy scale/);
  await expect(tes).toHaveValue("1");
  // A unit mistake first: 3 for 3%. Refused with the knob's name and range, nothing created, what was typed kept.
  await tes.fill("3");
  await page.getByLabel(/^Total background normalisation/).fill("1.2");
  await page.getByRole("button", { name: "Create the challenge" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Tau energy scale" })).toHaveText("Tau energy scale must be between 0.8 and 1.2");
  await expect(tes).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/organise\/new$/);
  expect((await page.request.get(`/challenges/${SLUG}`)).status()).toBe(404);
  await expect(page.getByLabel(/^Total background normalisation/)).toHaveValue("1.2");
  await expect(page.getByLabel("Visibility")).toHaveValue("public");

  await tes.fill("1.05");
  await page.getByRole("button", { name: "Create the challenge" }).click();
  await expect(page).toHaveURL(new RegExp(`/challenges/${SLUG}/manage$`), { timeout: 60_000 });
  const line = page.getByTestId("test-systematics");
  await expect(line).toContainText("Shifted by systematic uncertainties (the training set is nominal)");
  await expect(line).toContainText("Tau energy scale 1.05 (nominal 1)");
  await expect(line).toContainText("Total background normalisation 1.2 (nominal 1)");
  await expect(line).toContainText("the other knobs nominal");
  // Scaling the tau up moves no event out of the selection (tau pT > 20 GeV).
  await expect(line).toContainText("0 test events moved out of the selection");

  // A competitor reads the challenge, its data and its API before the end: no knob, no value, no word of a shift.
  const competitor = await browser.newPage();
  await signUp(competitor, "Marie Curie", `marie-${Date.now()}@example.org`);
  const seen: [string, string][] = [];
  for (const path of [`/challenges/${SLUG}`, `/challenges/${SLUG}/data`, `/challenges/${SLUG}/leaderboard`]) {
    await competitor.goto(path);
    await expect(competitor.getByRole("heading", { name: "Robust Higgs hunt" })).toBeVisible();
    seen.push([path, await competitor.locator("body").innerText()]);
  }
  for (const path of [`/api/v1/challenges/${SLUG}`, `/api/v1/challenges/${SLUG}/leaderboard`, "/api/v1/challenges"]) {
    const res = await competitor.request.get(path);
    expect(res.status(), path).toBe(200);
    seen.push([path, await res.text()]);
  }
  expect(seen.find(([path]) => path === `/api/v1/challenges/${SLUG}`)![1]).toContain(SLUG);
  for (const [path, body] of seen) {
    for (const leak of LEAKS) expect(body, `${path} shows ${leak}`).not.toMatch(leak);
    expect(body, `${path} shows the value`).not.toContain("1.05");
  }
  // The organiser's pages and the bundle (which holds the secrets) stay closed to them.
  expect((await competitor.request.get(`/challenges/${SLUG}/manage`)).status()).toBe(404);
  expect([403, 404]).toContain((await competitor.request.get(`/api/v1/challenges/${SLUG}/bundle`)).status());
  await competitor.close();
});
