import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// Every page at a phone's and a laptop's width: nothing wider than the window (no sideways scroll), and a
// full-page screenshot of each kept under test-results/ for a person to look at.
const WIDTHS = [390, 1366];

const PUBLIC = ["/", "/about", "/api-docs", "/sign-in", "/sign-up"];
const CHALLENGE = (slug: string) => [`/challenges/${slug}`, `/challenges/${slug}/data`, `/challenges/${slug}/leaderboard`, `/challenges/${slug}/submit`, `/challenges/${slug}/team`, `/challenges/${slug}/manage`];
const SIGNED_IN = ["/profile", "/organise", "/organise/new", "/admin/users", "/admin/outbox", ...["higgs-boson", "anomaly-detection", "straw-tracker"].flatMap(CHALLENGE)];

async function check(page: Page, path: string, width: number): Promise<string | null> {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(400);
  await page.waitForLoadState("networkidle");
  const name = `${width}${path.replace(/[^\w]+/g, "_") || "_home"}.png`;
  await page.screenshot({ path: test.info().outputPath(name), fullPage: true });
  const { scroll, view } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
  return scroll > view ? `${path} at ${width} px: ${scroll} px wide` : null;
}

test("no page scrolls sideways at 390 or 1366 px", async ({ page }) => {
  test.setTimeout(300_000);
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.context().clearCookies();
    for (const path of PUBLIC) problems.push((await check(page, path, width)) ?? "");
    await signIn(page, "admin@example.org", "admin-passphrase-42");
    for (const path of SIGNED_IN) problems.push((await check(page, path, width)) ?? "");
  }
  // A submission's page too (with its design picture and score details).
  await page.goto("/challenges/straw-tracker/submit");
  await page.getByRole("button", { name: "Submit" }).click();
  const row = page.getByTestId("submissions").getByRole("listitem").first();
  await expect(row.getByTestId("status")).toHaveText("scored", { timeout: 60_000 });
  const href = (await row.getByRole("link").first().getAttribute("href"))!;
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    problems.push((await check(page, href, width)) ?? "");
  }
  expect(problems.filter(Boolean)).toEqual([]);
});
