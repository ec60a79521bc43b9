/**
 * The gates as a challenge switches them on: the settings schema (form fields and JSON alike), the requirements on
 * the key's control rows, and scoring with gates, on the seeded gated tabular challenge (tests/fixtures).
 */
import { describe, expect, it } from "vitest";
import { applyGates, GateFailedError } from "@/scoring/gates/apply-gates";
import { controlCounts, gateRequirementIssues, gateSettingsSchema, gatesOfConfig } from "@/scoring/gates/gate-settings";
import { ksAgreement } from "@/scoring/gates/ks-agreement";
import { massSculpting } from "@/scoring/metrics/mass-sculpting";
import { scoreSubmission } from "@/scoring/registry";
import { parseSolution } from "@/scoring/parsing/solution-csv";
import { createSolutionIndex } from "@/scoring/parsing/solution-index";
import { parseScoreSubmission } from "@/scoring/parsing/submission-scores";
import { GATED_COUNTS, gatedEvents, gatedFiles, gatedSubmission } from "../../fixtures/gated-tabular";
import { encode } from "./helpers";

const both = [
  { id: "ks-agreement", threshold: 0.09 },
  { id: "cvm-correlation", threshold: 0.002, column: "mass" },
] as const;

describe("gate settings: one schema for the forms' fields and the API's JSON", () => {
  it("reads switched-on gates from form fields, empty thresholds taking the published ones", () => {
    const form = {
      "gate-ks-agreement": "on",
      "gate-ks-agreement-threshold": "",
      "gate-cvm-correlation": "on",
      "gate-cvm-correlation-threshold": "0.002",
      "gate-cvm-correlation-column": " mass ",
    };
    expect(gateSettingsSchema.parse(form)).toEqual({ gates: both });
    expect(gateSettingsSchema.parse({ "gate-ks-agreement": "off", "gate-ks-agreement-threshold": "0.5" })).toEqual({ gates: [] });
  });

  it("reads the API's JSON list, and refuses bad thresholds, unknown or repeated gates by name", () => {
    expect(gateSettingsSchema.parse({ gates: [{ id: "ks-agreement", threshold: 0.05 }] })).toEqual({
      gates: [{ id: "ks-agreement", threshold: 0.05 }],
    });
    const messages = (body: unknown) => {
      const r = gateSettingsSchema.safeParse(body);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(messages({ "gate-ks-agreement": "on", "gate-ks-agreement-threshold": "lots" })).toEqual(["A gate's threshold must be a number"]);
    expect(messages({ gates: [{ id: "ks-agreement", threshold: 0 }] })).toEqual(["A gate's threshold must be above 0"]);
    expect(messages({ gates: [{ id: "ks-agreement", threshold: 2 }] })).toEqual([
      "A gate's threshold must be at most 1 (both statistics lie between 0 and 1)",
    ]);
    expect(messages({ gates: [{ id: "chi2" }] })).toEqual(["Unknown gate: the gates are ks-agreement, cvm-correlation"]);
    expect(messages({ gates: [{ id: "ks-agreement" }, { id: "ks-agreement" }] })).toEqual(["Each gate may be switched on once"]);
    // A switch typed as something other than on or off (a command's flag) is refused, not read as off.
    expect(messages({ "gate-ks-agreement": "yes", "gate-cvm-correlation": "off" })).toEqual([
      'gate-ks-agreement must be on or off, not "yes"',
    ]);
  });

  it("reads a challenge's config: none when absent, an error when malformed", () => {
    expect(gatesOfConfig({})).toEqual([]);
    expect(gatesOfConfig({ gates: both })).toEqual(both);
    expect(() => gatesOfConfig({ gates: [{ id: "ks-agreement", threshold: -1 }] })).toThrow(
      "challenge config: A gate's threshold must be above 0",
    );
  });
});

describe("gate requirements on the key's control rows", () => {
  it("counts the control rows per check, and asks for enough of them and one score per event", async () => {
    const key = await parseSolution(encode(gatedFiles().solution));
    const counts = controlCounts(key);
    expect(counts).toEqual({ real: GATED_COUNTS.real, simulated: GATED_COUNTS.simulated, correlation: GATED_COUNTS.correlation });
    expect(gateRequirementIssues(both, counts, true)).toEqual([]);
    expect(gateRequirementIssues(both, { real: 999, simulated: 1000, correlation: 999 }, false)).toEqual([
      "Gates read one score per event; this challenge's submissions are not one number per event (class probabilities or a ranked Higgs file)",
      "The KS agreement check needs at least 1000 Control rows of each Origin (real and simulated) in the answer key; it has 999 real and 1000 simulated",
      "The correlation check needs at least 1000 Control rows with an Aux value (the column, on background events) in the answer key; it has 999",
    ]);
    expect(gateRequirementIssues([], { real: 0, simulated: 0, correlation: 0 }, false)).toEqual([]);
  });
});

describe("scoring with gates", () => {
  const events = gatedEvents();

  async function scoresOf(kind: Parameters<typeof gatedSubmission>[0]) {
    const key = await parseSolution(encode(gatedFiles(events).solution));
    const parsed = await parseScoreSubmission(encode(gatedSubmission(kind, events)), createSolutionIndex(key));
    return { key, scores: parsed.scores };
  }

  it("reads each check's own control rows: the statistics equal the gates' functions on those rows", async () => {
    const { key, scores } = await scoresOf("honest");
    const outcomes = applyGates(key, scores, both);
    const byRole = (role: string) => events.flatMap((e, row) => (e.role === role ? [scores[row]!] : []));
    const ks = ksAgreement(byRole("simulated"), byRole("real"));
    const cvm = massSculpting(
      byRole("correlation"),
      events.flatMap((e) => (e.role === "correlation" ? [Number(e.mass.toFixed(6))] : [])),
      { bins: 2 },
    );
    expect(outcomes).toEqual([
      {
        id: "ks-agreement",
        name: expect.stringMatching(/^Agreement/),
        statistic: ks.statistic,
        threshold: 0.09,
        passed: true,
        events: 2000,
      },
      {
        id: "cvm-correlation",
        name: expect.stringMatching(/correlation/),
        statistic: cvm.statistic,
        threshold: 0.002,
        passed: true,
        events: 1000,
        column: "mass",
      },
    ]);
    expect(ks.statistic).toBeGreaterThan(0);
    expect(ks.statistic).toBeLessThan(0.09);
  });

  it("fails a score that depends on the origin, and one that tracks the mass, naming the check, statistic and threshold", async () => {
    for (const [kind, failed] of [
      ["originAware", "KS agreement"],
      ["massTracking", "Correlation (CvM)"],
    ] as const) {
      const { key, scores } = await scoresOf(kind);
      const error = (() => {
        try {
          applyGates(key, scores, both);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(GateFailedError);
      const { outcomes, problems } = error as GateFailedError;
      expect(outcomes.filter((o) => !o.passed).map((o) => o.id)).toEqual([kind === "originAware" ? "ks-agreement" : "cvm-correlation"]);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.message).toMatch(
        new RegExp(
          `^Not ranked: failed the ${failed.replace(/[()]/g, "\\$&")} check .*: statistic 0\\.\\d+ on (2000|1000) control events, must be below (0\\.09|0\\.002)$`,
        ),
      );
    }
  });

  it("scores only Public and Private rows: control rows' scores change nothing on the boards", async () => {
    const key = await parseSolution(encode(gatedFiles(events).solution));
    const honest = await scoreSubmission({
      solution: key,
      submission: encode(gatedSubmission("honest", events)),
      metricId: "auc",
      gates: both,
    });
    const origin = await scoreSubmission({ solution: key, submission: encode(gatedSubmission("originAware", events)), metricId: "auc" });
    expect(honest.gates!.every((g) => g.passed)).toBe(true);
    expect([origin.Public.primary, origin.Private.primary]).toEqual([honest.Public.primary, honest.Private.primary]);
    expect(honest.Public.primary).toBeGreaterThan(0.8);
    await expect(
      scoreSubmission({ solution: key, submission: encode(gatedSubmission("massTracking", events)), metricId: "auc", gates: both }),
    ).rejects.toBeInstanceOf(GateFailedError);
  });
});
