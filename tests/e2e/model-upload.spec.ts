import { expect, test } from "@playwright/test";
import { linearModel } from "../fixtures/onnx/linear-model";
import { signIn, signUp } from "./helpers";

const SLUG = `models-${Date.now().toString(36)}`;

test("in a models phase a competitor uploads an ONNX model, sees it scored with its latency and size; a refused model shows why", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signIn(page, "admin@example.org", "admin-passphrase-42");
  await page.goto("/organise/new");
  await page.getByLabel("Title").fill("Models only");
  await page.getByLabel(/^Slug/).fill(SLUG);
  await page.getByLabel("Training events", { exact: true }).fill("300");
  await page.getByLabel("Test events", { exact: true }).fill("1000");
  await page.getByLabel("The first phase takes").selectOption("models");
  await page.getByLabel("Visibility").selectOption("public");
  await page.getByRole("button", { name: "Create the challenge" }).click();
  await expect(page).toHaveURL(new RegExp(`/challenges/${SLUG}/manage$`), { timeout: 60_000 });

  const competitor = await browser.newPage();
  await signUp(competitor, "Lise Meitner", `lise-${Date.now()}@example.org`);
  // The test features are hidden; the public validation sample stands in for them.
  await competitor.goto(`/challenges/${SLUG}/data`);
  await expect(competitor.getByRole("link", { name: "validation_sample.csv.gz" })).toBeVisible();
  await expect(competitor.getByRole("link", { name: "test.csv.gz" })).toHaveCount(0);
  expect((await competitor.request.get(`/challenges/${SLUG}/data/test.csv`)).status()).toBe(403);

  await competitor.goto(`/challenges/${SLUG}/submit`);
  const file = competitor.getByLabel(/ONNX model \(\.onnx/);
  // A model reading 29 features is refused at once, with the reason, and nothing is listed.
  await file.setInputFiles({ name: "short.onnx", mimeType: "application/octet-stream", buffer: Buffer.from(linearModel(29)) });
  await competitor.getByRole("button", { name: "Submit" }).click();
  const refusal = competitor.getByRole("alert").filter({ hasText: "must have shape" });
  await expect(refusal).toContainText('The model\'s input "X" must have shape [N, 30]');
  await expect(refusal).toContainText("it has [N, 29]");
  await expect(competitor.getByTestId("submissions").getByRole("listitem")).toHaveCount(0);

  const model = linearModel(30);
  await file.setInputFiles({ name: "linear.onnx", mimeType: "application/octet-stream", buffer: Buffer.from(model) });
  await competitor.getByRole("button", { name: "Submit" }).click();
  const row = competitor.getByTestId("submissions").getByRole("listitem").first();
  await expect(row.getByTestId("status")).toHaveText("scored", { timeout: 90_000 });
  await expect(row.getByTestId("public-score")).toContainText("±");
  await expect(row.getByTestId("model-stats")).toHaveText(
    new RegExp(`^ONNX model, ${(model.byteLength / 1024).toFixed(1)} KiB, \\d+\\.\\d{3} ms per 1,000 events, 2 operators$`),
  );

  await competitor.goto(`/challenges/${SLUG}/leaderboard`);
  await expect(competitor.getByTestId("leaderboard")).toContainText("Lise Meitner");
  await expect(competitor.getByTestId("model-latency").first()).toHaveText(/^\d+\.\d{3}$/);
});
