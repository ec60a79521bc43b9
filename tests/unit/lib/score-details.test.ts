import { expect, it } from "vitest";
import { describeDetails } from "@/lib/score-details";

it("names and explains the stored keys, the mass-sculpting gate with its threshold, in a reading order", () => {
  const shown = describeDetails({
    massSculpting: 0.000412345678,
    sicEpsB: 0.001,
    "eff-at-1e-2": 0.31,
    auc: 0.8123456789,
    rocEpsB: [0, 1],
    odd: "x",
  });
  expect(shown.map((d) => d.label)).toEqual(["ROC AUC", "ε_S at ε_B = 10⁻²", "ε_B at max SIC", "Mass-sculpting statistic", "odd"]);
  expect(shown.find((d) => d.key === "massSculpting")).toMatchObject({
    value: "0.000412346",
    explain: expect.stringContaining("passes below 0.002"),
  });
  expect(shown.find((d) => d.key === "auc")!.value).toBe("0.812346");
  expect(shown.at(-1)).toEqual({ key: "odd", label: "odd", explain: null, value: "x" });
  // Arrays (curves) are drawn, not listed.
  expect(shown.some((d) => d.key === "rocEpsB")).toBe(false);
});
