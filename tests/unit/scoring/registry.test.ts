import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SubmissionFormatError } from "@/scoring/parsing/errors";
import { ams } from "@/scoring/metrics/ams";
import { metricDescriptors, scoreSubmission } from "@/scoring/registry";
import { solutionFromColumns, type Solution } from "@/scoring/solution";
import { parseSolution } from "@/scoring/parsing/solution-csv";
import { encode, fixture } from "./helpers";

/** A HiggsML submission CSV from per-row ranks (1..N), listed in `order`. */
function higgsCsv(solution: Solution, rank: number[], signalCount: number, order: number[]): Uint8Array {
  const n = rank.length;
  const lines = order.map((row) => `${solution.ids.at(row)},${rank[row]},${rank[row]! > n - signalCount ? "s" : "b"}`);
  return encode(`EventId,RankOrder,Class\n${lines.join("\n")}\n`);
}

const eventsArb = fc
  .array(
    fc.record({
      label: fc.integer({ min: 0, max: 1 }),
      weight: fc.double({ min: 0.001, max: 10, noNaN: true }),
      usage: fc.integer({ min: 1, max: 2 }),
    }),
    { minLength: 2, maxLength: 40 },
  )
  .filter((events) => events.some((e) => e.usage === 1) && events.some((e) => e.usage === 2));

function solutionOf(events: { label: number; weight: number; usage: number }[]): Solution {
  return solutionFromColumns({
    ids: events.map((_, i) => 1000 + i),
    labels: events.map((e) => e.label),
    weights: events.map((e) => e.weight),
    usage: events.map((e) => e.usage),
  });
}

function subsetSum(solution: Solution, usage: number, label: number): number {
  let sum = 0;
  for (let i = 0; i < solution.ids.length; i++)
    if (solution.usage[i] === usage && solution.labels[i] === label) sum += solution.weights[i]!;
  return sum;
}

describe("metric registry", () => {
  it("describes every metric with a format, a direction, a range and a precision", () => {
    expect(metricDescriptors.map((m) => m.id)).toEqual([
      "ams",
      "auc",
      "sic",
      "eff-at-1e-2",
      "eff-at-1e-3",
      "eff-at-eps-b",
      "rejection-at-eps-s",
      "accuracy",
      "balanced-accuracy",
      "log-loss",
      "f1",
      "rmse",
      "mae",
      "r2",
      "mass-resolution",
      "design-score",
    ]);
    for (const m of metricDescriptors) {
      expect(["higgs", "scores", "probabilities", "values", "design"]).toContain(m.submissionFormat);
      expect(["max", "min"]).toContain(m.direction);
      expect(m.higherIsBetter).toBe(m.direction === "max");
      expect(m.label).toBe(m.name);
      expect(m.compute === null).toBe(m.submissionFormat === "design");
    }
  });

  it("refuses a solution without Public or without Private rows, naming the missing subset", async () => {
    const events = [
      { label: 1, weight: 1, usage: 2 },
      { label: 0, weight: 2, usage: 2 },
    ];
    const csv = encode("EventId,score\n1000,0.9\n1001,0.1\n");
    await expect(scoreSubmission({ solution: solutionOf(events), submission: csv, metricId: "auc" })).rejects.toThrow(
      "the solution has no Public rows",
    );
    const publicOnly = events.map((e) => ({ ...e, usage: 1 }));
    await expect(scoreSubmission({ solution: solutionOf(publicOnly), submission: csv, metricId: "auc" })).rejects.toThrow(
      "the solution has no Private rows",
    );
  });

  it("refuses to score a design metric against a solution (designs are simulated)", async () => {
    const solution = await parseSolution(fixture("solution-small.csv"));
    await expect(scoreSubmission({ solution, submission: fixture("higgs-valid.csv"), metricId: "design-score" })).rejects.toThrow(
      /simulating the design/,
    );
  });
});

describe("scoreSubmission", () => {
  it("scores the small fixture: AMS details per subset, curve on Public only, JSON-serialisable", async () => {
    const solution = await parseSolution(fixture("solution-small.csv"));
    const result = await scoreSubmission({ solution, submission: fixture("higgs-valid.csv"), metricId: "ams" });
    // Public rows 0,1,4,5,8 submitted s: 0 (s 0.5), 4 (s 1), 5 (b 4). Private: 2 (s 0.25).
    expect(result.Public).toMatchObject({ primary: ams(1.5, 4), ams: ams(1.5, 4), s: 1.5, b: 4 });
    expect(result.Private).toMatchObject({ primary: ams(0.25, 0), s: 0.25, b: 0 });
    // By decreasing rank, Public is s .5, s 1, b 4, b 2, s .5: AMS(2, 6) with all 5 beats AMS(1.5, 0) with 2.
    expect(result.Public.curveMax).toBe(ams(2, 6));
    expect(result.Public.curveMaxSelected).toBe(5);
    expect(result.Public.curveAms).toEqual([ams(0.5, 0), ams(1.5, 0), ams(1.5, 4), ams(1.5, 6), ams(2, 6)]);
    expect(result.Private.curveAms).toBeUndefined();
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("scores a score submission with every score metric, bootstrap std reproducible by seed", async () => {
    const solution = await parseSolution(fixture("solution-small.csv"));
    const run = (seed: number) =>
      scoreSubmission({ solution, submission: fixture("scores-valid.csv"), metricId: "auc", bootstrap: 50, seed, sicMinBackground: 1 });
    const result = await run(1);
    // Public: s 0.9 (w .5), 0.7 (1), 0.4 (.5); b 0.2 (2), 0.6 (4): signal above b 0.2 all; above 0.6: 0.9, 0.7.
    expect(result.Public.auc).toBeCloseTo((2 * 2 + 4 * 1.5) / (2 * 6), 15);
    expect(result.Public.primary).toBe(result.Public.auc);
    expect(result.Public.std).toBeGreaterThan(0);
    expect((await run(1)).Public.std).toBe(result.Public.std);
    expect(Object.keys(result.Private)).toEqual(expect.arrayContaining(["auc", "sic", "eff-at-1e-2", "eff-at-1e-3", "std"]));
  });

  it("rejects a bad submission with SubmissionFormatError, never a score", async () => {
    const solution = await parseSolution(fixture("solution-small.csv"));
    await expect(scoreSubmission({ solution, submission: fixture("higgs-rank-zero.csv"), metricId: "ams" })).rejects.toBeInstanceOf(
      SubmissionFormatError,
    );
  });

  it("perfect submission gives AMS(s_total, 0), the inverted one 0, in each subset", async () => {
    await fc.assert(
      fc.asyncProperty(eventsArb, async (events) => {
        const solution = solutionOf(events);
        const n = events.length;
        const signals = events.filter((e) => e.label).length;
        // Perfect: all signal ranked on top and submitted as s; inverted: everything submitted as s only for background.
        const byLabel = [...events.keys()].sort((a, b) => events[a]!.label - events[b]!.label);
        const rank: number[] = [];
        byLabel.forEach((row, k) => (rank[row] = k + 1));
        const ordered = [...events.keys()];
        const perfect = await scoreSubmission({ solution, submission: higgsCsv(solution, rank, signals, ordered), metricId: "ams" });
        const inverted = await scoreSubmission({
          solution,
          submission: higgsCsv(
            solution,
            rank.map((r) => n + 1 - r),
            n - signals,
            ordered,
          ),
          metricId: "ams",
        });
        for (const [name, usage] of [
          ["Public", 1],
          ["Private", 2],
        ] as const) {
          expect(perfect[name].ams).toBe(ams(subsetSum(solution, usage, 1), 0));
          expect(perfect[name].b).toBe(0);
          expect(inverted[name].ams).toBe(0);
          expect(inverted[name].s).toBe(0);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("does not depend on the order of the submission's rows", async () => {
    await fc.assert(
      fc.asyncProperty(
        eventsArb.chain((events) =>
          fc.tuple(
            fc.constant(events),
            fc.shuffledSubarray([...events.keys()], { minLength: events.length }),
            fc.integer({ min: 0, max: events.length }),
          ),
        ),
        async ([events, order, signalCount]) => {
          const solution = solutionOf(events);
          const rank = [...events.keys()].map((i) => ((i * 7) % events.length) + 1);
          fc.pre(new Set(rank).size === events.length);
          const a = await scoreSubmission({
            solution,
            submission: higgsCsv(solution, rank, signalCount, [...events.keys()]),
            metricId: "ams",
          });
          const b = await scoreSubmission({ solution, submission: higgsCsv(solution, rank, signalCount, order), metricId: "ams" });
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 40 },
    );
  });
});
