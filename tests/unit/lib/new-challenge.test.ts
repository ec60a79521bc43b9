import { describe, expect, it } from "vitest";
import { NOMINAL_SYSTEMATICS, resolveSystematics } from "@/challenges/higgs-tautau/simulator/systematics";
import { newChallengeSchema } from "@/lib/validations/challenge";

const base = {
  kind: "higgs-tautau",
  title: "Physics 101",
  slug: "physics-101-2026",
  metricId: "ams",
  trainEvents: "1000",
  testEvents: "2000",
  publicFraction: "0.3",
  startsAt: "2026-12-01T09:00",
  endsAt: "2026-12-15T09:00",
  visibility: "private",
  allowedEmailDomains: "@School.example.org, uni.edu",
};

const messages = (input: Record<string, string>) => {
  const r = newChallengeSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("the new-challenge form's schema", () => {
  it("accepts a class challenge and normalises its domains", () => {
    const v = newChallengeSchema.parse(base);
    expect(v.allowedEmailDomains).toEqual(["school.example.org", "uni.edu"]);
    expect([v.trainEvents, v.testEvents, v.dailySubmissionLimit, v.seed]).toEqual([1000, 2000, 5, undefined]);
  });

  it("takes each phase's submission mode and the model limits, with predictions-only and 50 MB by default", () => {
    const plain = newChallengeSchema.parse(base);
    expect(plain).toMatchObject({ mainMode: "predictions", finalMode: "predictions", modelMaxMb: 50 });
    expect(plain.latencyBudgetMs).toBeUndefined();
    const v = newChallengeSchema.parse({ ...base, mainMode: "both", finalMode: "models", modelMaxMb: "20", latencyBudgetMs: "2.5" });
    expect(v).toMatchObject({ mainMode: "both", finalMode: "models", modelMaxMb: 20, latencyBudgetMs: 2.5 });
  });

  it.each([
    [{ endsAt: "2026-11-30T09:00" }, "endsAt: The end must be after the start"],
    [{ finalEndsAt: "2026-12-10T09:00" }, "finalEndsAt: The final phase must end after the first one"],
    [{ metricId: "auc" }, "metricId: A Higgs → ττ classification (AMS) challenge is scored by ams"],
    [{ kind: "detector-design" }, "metricId: A Detector design (straw tracker) challenge is scored by design-score"],
    [{ testEvents: "600000" }, "testEvents: At most 550,000 test events"],
    [{ slug: "Bad Slug!" }, "slug: Use 3–50 lower-case letters, digits and dashes, e.g. physics-101-2026"],
    [{ allowedEmailDomains: "not a domain" }, "allowedEmailDomains.0: Email domains look like school.example.org"],
    [{ publicFraction: "1" }, "publicFraction: The public share must be below 1"],
    [{ kind: "quantum-gravity" }, "kind: Choose a kind of challenge"],
    [{ mainMode: "pictures" }, "mainMode: Choose what the phase takes"],
    [
      { kind: "detector-design", metricId: "design-score", mainMode: "models" },
      "mainMode: Detector design challenges take designs, not ONNX models",
    ],
    [{ modelMaxMb: "0" }, "modelMaxMb: At least 1 MB"],
    [{ latencyBudgetMs: "-1" }, "latencyBudgetMs: The latency budget must be above 0"],
  ])("rejects %j", (change, message) => {
    expect(messages({ ...base, ...change })).toContain(message);
  });
});

describe("the new-challenge form's test-set systematics", () => {
  it("pass on the knobs filled in (empty ones stay nominal, in the simulator)", () => {
    const knobs = (v: Record<string, unknown>) => newChallengeSchema.parse(v).testSystematics;
    expect(knobs(base)).toEqual({});
    expect(knobs({ ...base, tauEnergyScale: "", softMet: "" })).toEqual({});
    expect(knobs({ ...base, tauEnergyScale: "1.03", backgroundNorm: "1.1" })).toEqual({ tauEnergyScale: 1.03, backgroundNorm: 1.1 });
    // The form shows every knob at its nominal value: those resolve to exactly the nominal systematics.
    expect(
      resolveSystematics(knobs({ ...base, ...Object.fromEntries(Object.entries(NOMINAL_SYSTEMATICS).map(([k, x]) => [k, String(x)])) })),
    ).toEqual(NOMINAL_SYSTEMATICS);
  });

  it.each([
    [{ tauEnergyScale: "3" }, "tauEnergyScale: Tau energy scale must be between 0.8 and 1.2"],
    [{ softMet: "-1" }, "softMet: Extra soft-MET resolution must be between 0 and 20"],
    [{ ttbarNorm: "lots" }, "ttbarNorm: tt̄ normalisation must be a number"],
    [
      { kind: "anomaly-detection", metricId: "auc", jetEnergyScale: "1.02" },
      "jetEnergyScale: Systematic shifts are not offered for Anomaly detection (LHC Olympics style) challenges",
    ],
  ])("rejects %j", (change, message) => {
    expect(messages({ ...base, ...change })).toContain(message);
  });

  it("leave other kinds alone when not filled in (the form shows only the chosen kind's knobs)", () => {
    expect(messages({ ...base, kind: "anomaly-detection", metricId: "auc" })).toEqual([]);
  });
});
