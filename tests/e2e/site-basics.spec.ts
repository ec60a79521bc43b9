import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

test("every page has a favicon and a title naming the tab and the challenge", async ({ page }) => {
  for (const path of ["/favicon.ico", "/icon.svg"]) expect((await page.request.get(path)).status(), path).toBe(200);
  await page.goto("/");
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /icon/);
  await expect(page).toHaveTitle("Collider Arena");
  await page.goto("/challenges/higgs-boson/leaderboard");
  await expect(page).toHaveTitle("Leaderboard · Higgs boson machine learning challenge · Collider Arena");
  await page.goto("/challenges/higgs-boson/data");
  await expect(page).toHaveTitle("Data · Higgs boson machine learning challenge · Collider Arena");
  await page.goto("/challenges/higgs-boson");
  await expect(page).toHaveTitle("Higgs boson machine learning challenge · Collider Arena");
  await page.goto("/about");
  await expect(page).toHaveTitle("About · Collider Arena");
});

test("the data page's gzip column is the size a download transfers", async ({ page }) => {
  await page.goto("/challenges/higgs-boson/data");
  const row = page.getByRole("row").filter({ hasText: "test.csv.gz" });
  const shown = (await row.getByTestId("gzip-size").textContent())!.trim();
  const body = await (await page.request.get("/challenges/higgs-boson/data/test.csv")).body();
  const kib = body.byteLength / 1024;
  const expected = kib < 1024 ? `${kib.toFixed(1)} KiB` : `${(kib / 1024).toFixed(1)} MiB`;
  expect(shown).toBe(expected);
});

test("after joining a team, the team page no longer offers to join one", async ({ page, browser }) => {
  await signUp(page, "Team Founder", `founder-${Date.now()}@example.org`);
  await page.goto("/challenges/anomaly-detection/team");
  const code = (await page.getByTestId("invite-code").textContent())!.trim();

  const mate = await browser.newPage();
  await signUp(mate, "Team Mate", `mate-${Date.now()}@example.org`);
  await mate.goto("/challenges/anomaly-detection/team");
  await mate.getByLabel(/^Join a team/).fill(code);
  await mate.getByRole("button", { name: "Join", exact: true }).click();
  await expect(mate.getByTestId("in-a-team")).toHaveText("You are in a team of 2. To join another team, leave this one first.");
  await expect(mate.getByLabel(/^Join a team/)).toHaveCount(0);
  await expect(mate.getByRole("heading", { name: /Your team: Team Founder/ })).toBeVisible();
});
