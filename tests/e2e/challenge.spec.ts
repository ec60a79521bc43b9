import { gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";

test("anyone can read the built-in Higgs challenge and download its data, without test labels", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Higgs boson machine learning challenge" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Higgs boson machine learning challenge" }).first()).toBeVisible();
  await expect(page.getByText("AMS").first()).toBeVisible();
  // The score's formula is typeset by KaTeX (rendered on the server, styled by its stylesheet), not shown as TeX.
  const formula = page.locator(".math-display .katex-display").first();
  await expect(formula).toBeVisible();
  await expect(formula.locator("annotation")).toHaveText(/^\\text\{AMS\} = \\sqrt\{/);
  expect(await formula.locator(".katex-html").evaluate((e) => getComputedStyle(e.closest(".katex")!).fontFamily)).toContain("KaTeX_Main");
  // Typeset: a square root's surd drawn as SVG, and a fraction.
  await expect(formula.locator(".katex-html .sqrt svg").first()).toBeVisible();
  await expect(formula.locator(".katex-html .mfrac").first()).toBeVisible();

  await page.getByRole("link", { name: "Data" }).click();
  for (const name of ["training.csv.gz", "test.csv.gz", "sample_submission.csv.gz"]) {
    await expect(page.getByRole("link", { name })).toBeVisible();
  }
  const res = await request.get("/challenges/higgs-boson/data/test.csv");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/gzip");
  const header = gunzipSync(await res.body())
    .toString("utf8")
    .split("\n", 1)[0]!
    .split(",");
  expect(header).toHaveLength(31);
  expect(header).not.toContain("Label");
  expect(header).not.toContain("Weight");

  expect((await request.get("/challenges/higgs-boson/data/solution.csv")).status()).toBe(404);
});
