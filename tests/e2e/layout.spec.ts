import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// Every page at phones' and laptops' widths: nothing wider than the window (no sideways scroll). Each page is loaded
// once per pass, at the width whose full-page screenshot is kept (test-results/ and the report's attachments, for a
// person to look at), then measured again at the pass's other width after a resize, which costs no second load.
const PASSES = [
  { shot: 390, also: [360] },
  { shot: 1366, also: [1440] },
];

const PUBLIC = ["/", "/about", "/api-docs", "/sign-in", "/sign-up"];
const CHALLENGE = (slug: string) => [
  `/challenges/${slug}`,
  `/challenges/${slug}/data`,
  `/challenges/${slug}/leaderboard`,
  `/challenges/${slug}/submit`,
  `/challenges/${slug}/team`,
  `/challenges/${slug}/manage`,
];
const SIGNED_IN = [
  "/profile",
  "/organise",
  "/organise/new",
  "/admin/users",
  "/admin/outbox",
  ...["higgs-boson", "anomaly-detection", "straw-tracker", "ditau-mass", "higgs-processes"].flatMap(CHALLENGE),
];

async function overflow(page: Page, path: string): Promise<string | null> {
  const { scroll, view } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
  return scroll > view ? `${path} at ${view} px: ${scroll} px wide` : null;
}

async function check(page: Page, path: string, pass: (typeof PASSES)[number]): Promise<(string | null)[]> {
  await page.setViewportSize({ width: pass.shot, height: 900 });
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(400);
  await page.waitForLoadState("networkidle");
  const name = `${pass.shot}${path.replace(/[^\w]+/g, "_") || "_home"}.png`;
  const file = test.info().outputPath(name);
  await page.screenshot({ path: file, fullPage: true });
  await test.info().attach(name, { path: file, contentType: "image/png" });
  const found = [await overflow(page, path)];
  for (const width of pass.also) {
    await page.setViewportSize({ width, height: 900 });
    found.push(await overflow(page, path));
  }
  return found;
}

test("no page scrolls sideways at 360, 390, 1366 or 1440 px", async ({ page }) => {
  test.setTimeout(300_000);
  const problems: (string | null)[] = [];
  for (const pass of PASSES) {
    await page.context().clearCookies();
    for (const path of PUBLIC) problems.push(...(await check(page, path, pass)));
    await signIn(page, "admin@example.org", "admin-passphrase-42");
    for (const path of SIGNED_IN) problems.push(...(await check(page, path, pass)));
  }
  // A submission's page too (with its design picture and score details).
  await page.goto("/challenges/straw-tracker/submit");
  await page.getByRole("button", { name: "Submit" }).click();
  const row = page.getByTestId("submissions").getByRole("listitem").first();
  await expect(row.getByTestId("status")).toHaveText("scored", { timeout: 60_000 });
  const href = (await row.getByRole("link").first().getAttribute("href"))!;
  for (const pass of PASSES) problems.push(...(await check(page, href, pass)));
  expect(problems.filter(Boolean)).toEqual([]);
});
