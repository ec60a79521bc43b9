import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

test("a competitor sees their rank on the submit page and their row highlighted on the leaderboard", async ({ page }) => {
  test.setTimeout(90_000);
  const name = `Chien-Shiung Wu ${Date.now().toString(36)}`;
  await signUp(page, name, `wu-${Date.now()}@example.org`);
  await page.goto("/challenges/straw-tracker/submit");
  await expect(page.getByTestId("your-rank")).toContainText("no scored submission yet");
  await page.getByRole("spinbutton", { name: "y2", exact: true }).fill("1");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByTestId("submissions").getByRole("listitem").first().getByTestId("status")).toHaveText("scored", {
    timeout: 60_000,
  });
  // The file can be downloaded back, as it was submitted.
  const download = page.waitForEvent("download");
  await page.getByTestId("submissions").getByRole("listitem").first().getByRole("link", { name: "download" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("design.json");
  expect(JSON.parse(await (await import("node:fs/promises")).readFile((await file.path())!, "utf8"))).toMatchObject({
    schema: "straw-tracker/v1",
    y: [0, 1, 0],
  });
  // The page refreshes its rank when the scoring finishes.
  await expect(page.getByTestId("your-rank")).toContainText(/is #\d+ of \d+ on the public leaderboard/);

  await page.getByTestId("your-rank").getByRole("link", { name: "See it on the leaderboard" }).click();
  const mine = page.getByTestId("my-row");
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText(name);
  await expect(mine).toContainText("your team");
  // Nobody else's row is marked.
  await expect(page.getByTestId("leaderboard").getByText("your team")).toHaveCount(1);
});
