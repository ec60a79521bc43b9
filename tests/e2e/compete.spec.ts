import { gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { signIn, signUp } from "./helpers";

const SLUG = "higgs-boson";

// One story, in order: the last step ends the challenge for every later test.
test.describe.configure({ mode: "serial" });

test("a competitor downloads the data, submits, is scored, ranked, and meets the limit", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Marie Curie", `marie-${Date.now()}@example.org`);
  const sample = await page.request.get(`/challenges/${SLUG}/data/sample_submission.csv`);
  expect(sample.status()).toBe(200);
  const sampleCsv = gunzipSync(await sample.body());

  await page.goto(`/challenges/${SLUG}/submit`);
  // A bad file: its error, with the line, at once.
  await page.getByLabel(/Predictions file/).setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("Id,Rank\n1,2\n") });
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "unexpected column" })).toContainText('missing column "EventId"');

  await page.getByLabel(/Predictions file/).setInputFiles({ name: "sample_submission.csv", mimeType: "text/csv", buffer: sampleCsv });
  await page.getByLabel(/Description/).fill("the sample");
  await page.getByRole("button", { name: "Submit" }).click();
  const row = page.getByTestId("submissions").getByRole("listitem").first();
  await expect(row.getByTestId("status")).toHaveText("scored", { timeout: 60_000 });
  await expect(row.getByTestId("public-score")).toContainText("±");

  await page.goto(`/challenges/${SLUG}/leaderboard`);
  await expect(page.getByTestId("leaderboard")).toContainText("Marie Curie");
  await expect(page.getByText("Private (hidden until the end)")).toBeVisible();
  expect((await page.request.get(`/challenges/${SLUG}/leaderboard?view=private`)).status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Public leaderboard" })).toBeVisible();
  // No payload carries a private score before the reveal: the board falls back to public, and
  // the submission list has public fields only.
  const board = (await (await page.request.get(`/api/v1/challenges/${SLUG}/leaderboard?view=private`)).json()) as Record<string, unknown>;
  expect(board.view).toBe("public");
  expect(board.privateRevealed).toBe(false);
  const mine = await (await page.request.get(`/api/v1/challenges/${SLUG}/submissions`)).text();
  expect(mine).toContain('"public":{"score":');
  expect(mine.toLowerCase()).not.toContain("private");
  const html = await (await page.request.get(`/challenges/${SLUG}/leaderboard?view=private`)).text();
  expect(html).not.toContain("Private leaderboard</h2>");

  // The built-in challenge allows 5 a day: 4 more go in, the next is refused with the reason. A cookie-authenticated
  // POST must name this site as its origin, as a browser's does (the CSRF check).
  for (let i = 0; i < 4; i++) {
    const res = await page.request.post(`/api/v1/challenges/${SLUG}/submissions`, {
      data: sampleCsv,
      headers: { "Content-Type": "text/csv", "X-Filename": `again-${i}.csv`, Origin: new URL(page.url()).origin },
    });
    expect(res.status()).toBe(201);
  }
  await page.goto(`/challenges/${SLUG}/submit`);
  await page.getByLabel(/Predictions file/).setInputFiles({ name: "sixth.csv", mimeType: "text/csv", buffer: sampleCsv });
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "limit" })).toContainText("reached today's limit of 5 submissions");
});

test("the organiser ends the challenge and the private leaderboard appears", async ({ page }) => {
  await signIn(page, "admin@example.org", "admin-passphrase-42");
  await page.goto(`/challenges/${SLUG}/manage`);
  // The activity section's chart of the field's best scores renders (finite scores only here: no off-axis line).
  await expect(page.getByRole("heading", { name: /best public scores \(\d+ teams?\)/ })).toBeVisible();
  await expect(page.getByTestId("off-axis-scores")).toHaveCount(0);
  await page.getByRole("button", { name: "End the challenge now" }).click();
  await expect(page.getByText("The private leaderboard is visible to everyone.")).toBeVisible();
  await page.goto(`/challenges/${SLUG}/leaderboard?view=private`);
  await expect(page.getByRole("heading", { name: "Private leaderboard" })).toBeVisible();
  await expect(page.getByTestId("leaderboard")).toContainText("Marie Curie");
  // Late submissions are refused with a clear message.
  await page.goto(`/challenges/${SLUG}/submit`);
  await expect(page.getByText("This challenge is ended: it does not accept submissions now.")).toBeVisible();
});
