import { describe, expect, it } from "vitest";
import { anomalyBuiltIn, generateAnomalyDataset, generateBlackBox } from "@/challenges/anomaly-detection/built-in";
import { publishedValue } from "@/challenges/anomaly-detection/csv";
import { type AnomalyDataset, FIRST_EVENT_ID, usageHash, USAGE_CONTROL } from "@/challenges/anomaly-detection/dataset";
import { FEATURE } from "@/challenges/anomaly-detection/schema";
import { replayAnomalyManifest } from "@/challenges/anomaly-detection/simulator/simulate";
import type { GeneratedDataset } from "@/challenges/built-in";
import { USAGE_PRIVATE, USAGE_PUBLIC } from "@/scoring/solution";

const OPTS = { seed: 77, trainEvents: 3000, testEvents: 4000, controlEvents: 1000, signalFraction: 0.01 };

const fileText = (dataset: GeneratedDataset, name: string): string => [...dataset.files.find((f) => f.filename === name)!.chunks].join("");
const dataLines = (text: string): string[][] =>
  text
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));

describe("generateAnomalyDataset (Track A)", () => {
  const dataset = generateAnomalyDataset(OPTS);
  const { solution, control } = dataset;
  const n = OPTS.testEvents + OPTS.controlEvents;

  it("refuses a configuration with nothing to find", () => {
    expect(() => generateAnomalyDataset({ ...OPTS, signalFraction: 0 })).toThrow(/Track A needs a signal to find.*Track B/);
    expect(() => generateAnomalyDataset({ ...OPTS, signalFraction: -0.1 })).toThrow(RangeError);
  });

  it("publishes train.csv without labels or ids, test.csv without labels, and a sample submission", () => {
    expect(dataset.files.map((f) => [f.filename, f.rows])).toEqual([
      ["train.csv", 3000],
      ["test.csv", n],
      ["sample_submission.csv", n],
    ]);
    const train = fileText(dataset, "train.csv");
    const test = fileText(dataset, "test.csv");
    expect(train.slice(0, train.indexOf("\n"))).toBe("mjj,mj1,delta_mj,tau21_1,tau21_2");
    expect(test.slice(0, test.indexOf("\n"))).toBe("EventId,mjj,mj1,delta_mj,tau21_1,tau21_2");
    expect(dataLines(train)).toHaveLength(3000);
    expect(dataLines(test).every((cells) => cells.length === 6)).toBe(true);
    expect(dataLines(test).map((cells) => Number(cells[0]))).toEqual(Array.from(solution.eventId));
    expect(fileText(dataset, "sample_submission.csv").split("\n").slice(0, 2)).toEqual(["EventId,score", `${FIRST_EVENT_ID},0.5`]);
  });

  it("has a solution row per test.csv event: signal only among test events, controls with usage 3", () => {
    expect(Array.from(solution.eventId)).toEqual(Array.from({ length: n }, (_, k) => FIRST_EVENT_ID + k));
    expect(solution.weight.every((w) => w === 1)).toBe(true);
    const usage = (code: number) => solution.usage.filter((u) => u === code).length;
    expect(usage(USAGE_CONTROL)).toBe(1000);
    expect(usage(USAGE_PUBLIC) + usage(USAGE_PRIVATE)).toBe(4000);
    expect(solution.label.reduce((a, b) => a + b, 0)).toBe(40);
    solution.usage.forEach((u, k) => u === USAGE_CONTROL && expect(solution.label[k]).toBe(0));
    expect(dataset.manifest).toMatchObject({
      track: "A",
      trainEvents: 3000,
      testEvents: 4000,
      controlEvents: 1000,
      signalEvents: 40,
      publicFraction: 0.3,
    });
  });

  it("assigns Public/Private by the keyed hash of the EventId, about 30% public", () => {
    const usageOf = usageHash(77, 0.3);
    solution.usage.forEach((u, k) => u !== USAGE_CONTROL && expect(u).toBe(usageOf(solution.eventId[k]!)));
    expect(usageShare(dataset)).toBeGreaterThan(0.27);
    expect(usageShare(dataset)).toBeLessThan(0.33);
    expect([1000000, 1000001, 1000002, 1000003, 1000004].map(usageHash(2020, 0.3))).toEqual([2, 2, 2, 1, 2]);
    // The key is the hidden seed: another seed reshuffles the subsets.
    const other = Array.from({ length: 200 }, (_, k) => usageHash(78, 0.3)(FIRST_EVENT_ID + k));
    expect(other).not.toEqual(Array.from({ length: 200 }, (_, k) => usageOf(FIRST_EVENT_ID + k)));
  });

  it("hides the control events among the test events and exports their published mjj", () => {
    const rows = dataLines(fileText(dataset, "test.csv"));
    const positions = Array.from(solution.usage.keys()).filter((k) => solution.usage[k] === USAGE_CONTROL);
    expect(Array.from(control.eventId)).toEqual(positions.map((k) => FIRST_EVENT_ID + k));
    expect(Array.from(control.mjj)).toEqual(positions.map((k) => Number(rows[k]![1])));
    const meanPosition = positions.reduce((a, b) => a + b, 0) / positions.length / n;
    expect(meanPosition).toBeGreaterThan(0.45);
    expect(meanPosition).toBeLessThan(0.55);
  });

  it("serves files that can be read more than once", () => {
    expect(fileText(dataset, "test.csv")).toBe(fileText(dataset, "test.csv"));
  });

  it("is reproducible, and its manifest replays each sample", () => {
    const again = generateAnomalyDataset(OPTS);
    expect(fileText(again, "test.csv")).toBe(fileText(dataset, "test.csv"));
    expect(fileText(again, "train.csv")).toBe(fileText(dataset, "train.csv"));
    expect(again.solution).toEqual(solution);
    const samples = dataset.manifest.samples as Record<string, unknown>;
    const test = replayAnomalyManifest(JSON.parse(JSON.stringify(samples.test)));
    const published = (mjj: ArrayLike<number>) => Array.from(mjj, (m) => publishedValue(m, FEATURE.mjj)).sort((a, b) => a - b);
    const testRows = dataLines(fileText(dataset, "test.csv")).filter((_, k) => solution.usage[k] !== USAGE_CONTROL);
    expect(published(test.features[FEATURE.mjj]!)).toEqual(testRows.map((cells) => Number(cells[1])).sort((a, b) => a - b));
    const train = replayAnomalyManifest(samples.train);
    expect(dataLines(fileText(dataset, "train.csv"))[0]![0]).toBe(String(publishedValue(train.features[FEATURE.mjj]![0]!, FEATURE.mjj)));
  });
});

function usageShare(dataset: AnomalyDataset): number {
  const scored = dataset.solution.usage.filter((u) => u !== USAGE_CONTROL);
  return scored.filter((u) => u === USAGE_PUBLIC).length / scored.length;
}

describe("anomalyBuiltIn", () => {
  it("describes the challenge and generates small data at scale 0.01", () => {
    expect(anomalyBuiltIn).toMatchObject({ slug: "anomaly-detection", kind: "anomaly-detection", metricId: "eff-at-1e-3" });
    expect(anomalyBuiltIn.description).toContain("Cramér–von Mises");
    const now = new Date("2026-01-01T00:00:00Z");
    expect(anomalyBuiltIn.phases(now)).toEqual([{ name: "Main", startsAt: now, endsAt: new Date("2026-06-30T00:00:00Z") }]);
    const small = anomalyBuiltIn.generate(0.01, 2020);
    expect(small.manifest).toMatchObject({ trainEvents: 2000, testEvents: 2000, controlEvents: 10_000, signalEvents: 10 });
    expect(small.manifest.subsets).toEqual({ Public: { signal: 4, background: 586 }, Private: { signal: 6, background: 1404 } });
    expect(Array.from(small.solution.aux!).filter(Number.isFinite)).toHaveLength(10_000);
  });

  it("takes the next seed where a small scale's few signal events all fall on one side of the split", () => {
    const options = { seed: 28, trainEvents: 1000, testEvents: 2000, controlEvents: 10_000, signalFraction: 0.005 };
    expect(() => generateAnomalyDataset(options)).toThrow(/the Public subset has 0 signal and \d+ background events; it needs both/);
    const created = anomalyBuiltIn.generate(0.01, 28);
    // A typed seed's retry seed is an integer derived from it, recorded with the retry count.
    expect(created.manifest).toMatchObject({ seed: 2467635116, retry: 1, signalEvents: 10 });
    expect(created.manifest.subsets).toEqual(generateAnomalyDataset({ ...options, seed: 2467635116 }).manifest.subsets);
  });
});

describe("generateBlackBox (Track B)", () => {
  it("accepts a null sample and publishes one unlabelled file", () => {
    const box = generateBlackBox({ seed: 3, events: 1500, signalFraction: 0 });
    expect(box.files.map((f) => f.filename)).toEqual(["blackbox.csv"]);
    const text = fileText(box, "blackbox.csv");
    expect(text.slice(0, text.indexOf("\n"))).toBe("EventId,mjj,mj1,delta_mj,tau21_1,tau21_2");
    expect(box.solution.label.every((l) => l === 0)).toBe(true);
    expect(box.manifest).toMatchObject({ track: "B", events: 1500, signalEvents: 0 });
  });

  it("can hide a signal, recorded only in the solution", () => {
    const box = generateBlackBox({ seed: 3, events: 1500, signalFraction: 0.02 });
    expect(box.solution.label.reduce((a, b) => a + b, 0)).toBe(30);
    expect(box.manifest).toMatchObject({ signalEvents: 30 });
  });
});
