import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

const SLUG = "straw-tracker";

test("a competitor submits a detector design, sees its errors, its score and a picture of it", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`/challenges/${SLUG}`);
  await expect(page.getByRole("heading", { name: "Design a straw-tube tracker" }).first()).toBeVisible();
  // The optimiser benchmarks' curves are on the overview.
  await expect(page.getByText(/Benchmark: Bayesian optimisation/)).toBeVisible();

  await signUp(page, "Gerard Tube", `gerard-${Date.now()}@example.org`);
  await page.goto(`/challenges/${SLUG}/submit`);
  const design = page.getByLabel(/The design that is submitted/);
  // Each violation is named, nothing is queued.
  await design.fill('{"schema": "straw-tracker/v1", "y": [0, 0, 9], "z": [2, 4, 4], "colour": "red"}');
  await page.getByRole("button", { name: "Submit" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "must be" });
  await expect(alert).toContainText("colour");
  await expect(alert).toContainText("y[2]");
  await expect(page.getByText("None yet.")).toBeVisible();

  // The text with faults left the fields empty; the fields rewrite the design as they are typed, and Submit sends
  // exactly that (no separate "apply" step that could be forgotten).
  await expect(page.getByRole("spinbutton", { name: "y1", exact: true })).toHaveValue("");
  for (const [name, value] of [
    ["y1", "1"],
    ["y2", "2"],
    ["y3", "3"],
    ["z1", "2"],
    ["z2", "4"],
    ["z3", "6"],
  ] as const) {
    await page.getByRole("spinbutton", { name, exact: true }).fill(value);
  }
  await expect(design).toHaveValue('{"schema":"straw-tracker/v1","y":[1,2,3],"z":[2,4,6]}');
  // …and a text edit refills the fields.
  await design.fill('{"schema":"straw-tracker/v1","y":[1,2,3],"z":[2,4,7]}');
  await expect(page.getByRole("spinbutton", { name: "z3", exact: true })).toHaveValue("7");
  await page.getByRole("spinbutton", { name: "z3", exact: true }).fill("6");
  await page.getByRole("button", { name: "Submit" }).click();
  const row = page.getByTestId("submissions").getByRole("listitem").first();
  await expect(row.getByTestId("status")).toHaveText("scored", { timeout: 60_000 });
  await expect(row.getByTestId("public-score")).toContainText("0.7177");

  await row.getByRole("link").first().click();
  await expect(page.getByRole("img", { name: "Detector geometry with simulated tracks" })).toBeVisible();
  await expect(page.getByText("straw-tracker-sim/2")).toBeVisible();
});
