import { gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

const SLUG = "anomaly-detection";

/** `EventId,score` from test.csv's columns. */
function scores(testCsv: string, score: (f: Record<string, number>) => number): Buffer {
  const [head, ...rows] = testCsv.trimEnd().split("\n");
  const names = head!.split(",");
  const out = ["EventId,score"];
  for (const row of rows) {
    const v = row.split(",");
    out.push(`${v[0]},${score(Object.fromEntries(names.map((n, i) => [n, Number(v[i])])))}`);
  }
  return Buffer.from(out.join("\n") + "\n");
}

test("a competitor's mass-sculpting score is rejected with the reason; a τ21 score is ranked with its ROC curve", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Lise Meitner", `lise-${Date.now()}@example.org`);
  const testCsv = gunzipSync(await (await page.request.get(`/challenges/${SLUG}/data/test.csv`)).body()).toString("utf8");
  expect(testCsv.split("\n", 1)[0]).toBe("EventId,mjj,mj1,delta_mj,tau21_1,tau21_2");

  await page.goto(`/challenges/${SLUG}/submit`);
  const rows = page.getByTestId("submissions").getByRole("listitem");
  await page
    .getByLabel(/Predictions file/)
    .setInputFiles({ name: "mass.csv", mimeType: "text/csv", buffer: scores(testCsv, (f) => f.mjj!) });
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(rows.first().getByTestId("status")).toHaveText("failed", { timeout: 60_000 });
  await expect(rows.first()).toContainText("mass-sculpting gate");

  await page
    .getByLabel(/Predictions file/)
    .setInputFiles({ name: "tau21.csv", mimeType: "text/csv", buffer: scores(testCsv, (f) => 2 - f.tau21_1! - f.tau21_2!) });
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(rows.first().getByTestId("status")).toHaveText("scored", { timeout: 60_000 });
  await rows.first().getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "ROC curve (public subset)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Significance improvement (public subset)" })).toBeVisible();

  await page.goto(`/challenges/${SLUG}/leaderboard`);
  await expect(page.getByTestId("leaderboard")).toContainText("Lise Meitner");
});
