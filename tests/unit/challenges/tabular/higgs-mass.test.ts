import { describe, expect, it } from "vitest";
import { builtInChallenges, findKind } from "@/challenges";
import { massBuiltIn } from "@/challenges/tabular/higgs-mass";
import { scoreSubmission, solutionFromColumns } from "@/scoring";

describe("the built-in di-τ mass regression", () => {
  const data = massBuiltIn.generate(0.01, 11);
  const text = (name: string) => [...data.files.find((f) => f.filename === name)!.chunks].join("");

  it("is a tabular challenge listed at first start, scored by a metric the kind offers", () => {
    expect(builtInChallenges).toContain(massBuiltIn);
    expect(findKind(massBuiltIn.kind)!.metrics).toContain(massBuiltIn.metricId);
  });

  it("keeps the true mass of each test event's τ pair: 125 GeV for a Higgs, the Z/γ*'s mass for a Z", () => {
    const s = data.solution;
    expect(s.target).toEqual({ type: "real" });
    expect(s.value!.length).toBe(200);
    const higgs = Array.from(s.value!).filter((m) => Math.abs(m - 125) < 1e-6).length;
    // The Z/γ* mass follows the Z's Breit–Wigner, generated between 60 and 250 GeV, or the γ* continuum on 100–400 GeV.
    const z = Array.from(s.value!).filter((m) => m >= 60 && m <= 400 && Math.abs(m - 125) >= 1e-6).length;
    expect(higgs).toBeGreaterThan(0);
    expect(z).toBeGreaterThan(0);
    expect(higgs + z).toBe(200);
    const train = text("train.csv").trim().split("\n");
    expect(train[0]!.split(",").at(-1)).toBe("m_tautau");
    expect(Number(train[1]!.split(",").at(-1))).toBeGreaterThan(50);
    expect(text("test.csv").split("\n")[0]).not.toMatch(/m_tautau/);
  });

  it("scores the truth with resolution 0 and the visible mass with a worse one", async () => {
    const s = data.solution;
    const solution = solutionFromColumns({
      ids: Array.from(s.eventId),
      labels: s.value!,
      weights: s.weight,
      usage: s.usage,
      target: s.target,
    });
    const csv = (pred: (k: number) => number) =>
      new TextEncoder().encode(`EventId,prediction\n${Array.from(s.eventId, (id, k) => `${id},${pred(k)}`).join("\n")}\n`);
    const truth = await scoreSubmission({ solution, submission: csv((k) => s.value![k]!), metricId: "mass-resolution" });
    expect(truth.Public.primary).toBe(0);
    const halved = await scoreSubmission({
      solution,
      submission: csv((k) => s.value![k]! * (k % 2 ? 0.5 : 1.5)),
      metricId: "mass-resolution",
    });
    expect(halved.Public.primary).toBeGreaterThan(0.4);
  });
});
