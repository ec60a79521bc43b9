import { expect, it } from "vitest";
import { higgsDescription } from "@/challenges/higgs-tautau/description";
import { descriptionWithReference, kindReference } from "@/challenges/kind-reference";

it("keeps the kind's format, files and metric sections beside an organiser's own description", () => {
  const { description, reference } = descriptionWithReference("higgs-tautau", "# Physics 101\n\nUse **any** method, $E=mc^2$.");
  expect(description).toContain("Physics 101");
  expect(reference).toMatch(/^## The features/);
  for (const heading of [
    "## The data files",
    "## The score: approximate median significance (AMS)",
    "## Submission format",
    "## Public and private leaderboards",
  ]) {
    expect(reference).toContain(heading);
  }
  // The introduction is the organiser's to replace.
  expect(reference).not.toContain("## The physics in five minutes");
});

it("adds nothing to the standard description, which has the sections already", () => {
  expect(descriptionWithReference("higgs-tautau", higgsDescription).reference).toBeNull();
});

it("has reference sections for every simulated kind", () => {
  for (const kind of ["higgs-tautau", "anomaly-detection", "detector-design"])
    expect(kindReference(kind).length, kind).toBeGreaterThan(200);
  expect(kindReference("unknown")).toBe("");
});
