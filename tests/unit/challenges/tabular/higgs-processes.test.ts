import { describe, expect, it } from "vitest";
import { builtInChallenges, findKind } from "@/challenges";
import { HIGGS_PROCESSES } from "@/challenges/higgs-tautau/schema";
import { processesBuiltIn } from "@/challenges/tabular/higgs-processes";
import { scoreSubmission, solutionFromColumns } from "@/scoring";

describe("the built-in process-identification challenge", () => {
  const data = processesBuiltIn.generate(0.01, 7);
  const text = (name: string) => [...data.files.find((f) => f.filename === name)!.chunks].join("");

  it("is a tabular challenge listed at first start, scored by a metric the kind offers", () => {
    expect(builtInChallenges).toContain(processesBuiltIn);
    expect(findKind(processesBuiltIn.kind)!.metrics).toContain(processesBuiltIn.metricId);
  });

  it("labels each test event with the process the simulator drew, and publishes it only for training", () => {
    const s = data.solution;
    expect(s.target).toEqual({ type: "multiclass", classes: [...HIGGS_PROCESSES] });
    expect(s.eventId.length).toBe(200);
    expect(new Set(s.label).size).toBeGreaterThanOrEqual(4);
    expect(Math.max(...s.label)).toBeLessThan(HIGGS_PROCESSES.length);
    expect(new Set(s.usage)).toEqual(new Set([1, 2]));
    const train = text("train.csv").trim().split("\n");
    expect(train[0]!.split(",").at(-1)).toBe("Process");
    expect(train.length - 1).toBe(200);
    expect(HIGGS_PROCESSES).toContain(train[1]!.split(",").at(-1));
    const test = text("test.csv");
    expect(test.split("\n")[0]).not.toMatch(/Process/);
    for (const name of HIGGS_PROCESSES) expect(test).not.toContain(name);
  });

  it("scores the truth itself with a log-loss near 0 and a uniform guess with ln 6", async () => {
    const s = data.solution;
    const solution = solutionFromColumns({
      ids: Array.from(s.eventId),
      labels: s.label,
      weights: s.weight,
      usage: s.usage,
      target: s.target,
    });
    const csv = (row: (k: number) => number[]) =>
      new TextEncoder().encode(
        `EventId,${HIGGS_PROCESSES.join(",")}\n${Array.from(s.eventId, (id, k) => `${id},${row(k).join(",")}`).join("\n")}\n`,
      );
    const truth = await scoreSubmission({
      solution,
      submission: csv((k) => HIGGS_PROCESSES.map((_, c) => (c === s.label[k] ? 1 : 0))),
      metricId: "log-loss",
    });
    expect(truth.Public.primary).toBeLessThan(1e-12);
    const uniform = await scoreSubmission({ solution, submission: csv(() => HIGGS_PROCESSES.map(() => 1 / 6)), metricId: "log-loss" });
    expect(uniform.Private.primary).toBeCloseTo(Math.log(6), 12);
  });
});
