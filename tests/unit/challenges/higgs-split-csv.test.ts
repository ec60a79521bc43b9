import { describe, expect, it } from "vitest";
import { sampleSubmissionCsv, solutionCsv, testCsv, trainingCsv, formatFeature } from "@/challenges/higgs-tautau/csv";
import { BACKGROUND_WEIGHT_TOTAL, FEATURE_INDEX as F, HIGGS_FEATURES, SIGNAL_WEIGHT_TOTAL } from "@/challenges/higgs-tautau/schema";
import { simulateHiggs } from "@/challenges/higgs-tautau/simulator/simulate";
import { splitTestSet, trainTestSplit, USAGE_PRIVATE, USAGE_PUBLIC } from "@/challenges/higgs-tautau/split";

const events = simulateHiggs({ seed: 11, nEvents: 2000 });

function classSums(label: Uint8Array, weight: Float64Array, keep: (i: number) => boolean): [number, number] {
  let s = 0;
  let b = 0;
  for (let i = 0; i < label.length; i++) {
    if (!keep(i)) continue;
    if (label[i] === 1) s += weight[i] as number;
    else b += weight[i] as number;
  }
  return [s, b];
}

describe("splitTestSet", () => {
  it("makes an 18% public subset and renormalises each subset and class to the full totals", () => {
    const { usage, weight } = splitTestSet(events, { seed: 3 });
    expect(usage.filter((u) => u === USAGE_PUBLIC)).toHaveLength(360);
    expect(usage.every((u) => u === USAGE_PUBLIC || u === USAGE_PRIVATE)).toBe(true);
    for (const subset of [USAGE_PUBLIC, USAGE_PRIVATE]) {
      const [s, b] = classSums(events.label, weight, (i) => usage[i] === subset);
      expect(s).toBeCloseTo(SIGNAL_WEIGHT_TOTAL, 6);
      expect(b).toBeCloseTo(BACKGROUND_WEIGHT_TOTAL, 4);
    }
    expect(splitTestSet(events, { seed: 3 }).usage).toEqual(usage);
    expect(splitTestSet(events, { seed: 4 }).usage).not.toEqual(usage);
  });
});

describe("trainTestSplit", () => {
  it("partitions the events in order with renormalised weights", () => {
    const { train, test } = trainTestSplit(events, { seed: 5, testFraction: 0.6875 });
    expect(test.eventId).toHaveLength(1375);
    expect(train.eventId.length + test.eventId.length).toBe(2000);
    const ids = new Set([...train.eventId, ...test.eventId]);
    expect(ids.size).toBe(2000);
    expect(train.eventId.every((id, k) => k === 0 || id > (train.eventId[k - 1] as number))).toBe(true);
    for (const part of [train, test]) {
      const [s, b] = classSums(part.label, part.weight, () => true);
      expect(s).toBeCloseTo(SIGNAL_WEIGHT_TOTAL, 6);
      expect(b).toBeCloseTo(BACKGROUND_WEIGHT_TOTAL, 4);
    }
    const k = events.eventId.indexOf(test.eventId[0] as number);
    expect(test.features[F.PRI_tau_pt]?.[0]).toBe(events.features[F.PRI_tau_pt]?.[k]);
  });
});

const text = (chunks: Iterable<string>): string => [...chunks].join("");

describe("CSV writers", () => {
  it("formats features like Kaggle's files", () => {
    expect(formatFeature(138.47, F.DER_mass_MMC)).toBe("138.47");
    expect(formatFeature(-999, F.DER_mass_MMC)).toBe("-999.0");
    expect(formatFeature(2, F.PRI_jet_num)).toBe("2");
    expect(formatFeature(0, F.PRI_jet_all_pt)).toBe("0.0");
    expect(formatFeature(-0.0001, F.PRI_jet_all_pt)).toBe("0.0");
    expect(formatFeature(1.2345, F.PRI_tau_eta)).toBe("1.234");
  });

  it("writes training.csv with weights and labels", () => {
    const lines = text(trainingCsv(events)).trimEnd().split("\n");
    expect(lines[0]).toBe(["EventId", ...HIGGS_FEATURES, "Weight", "Label"].join(","));
    expect(lines).toHaveLength(2001);
    const first = (lines[1] as string).split(",");
    expect(first).toHaveLength(33);
    expect(Number(first[31])).toBe(events.weight[0]);
    expect(first[32]).toBe(events.label[0] === 1 ? "s" : "b");
  });

  it("writes test.csv without any Label or Weight column", () => {
    const csv = text(testCsv(events));
    const [header, ...rows] = csv.trimEnd().split("\n");
    expect(header).toBe(["EventId", ...HIGGS_FEATURES].join(","));
    expect(header).not.toMatch(/Label|Weight/);
    expect(rows.every((r) => r.split(",").length === 31)).toBe(true);
    expect(rows.some((r) => /,[sb]$/.test(r))).toBe(false);
  });

  it("yields chunks of about 64 KB", () => {
    const chunks = [...testCsv(events)];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.slice(0, -1).every((c) => c.length >= 64 * 1024 && c.length < 66 * 1024)).toBe(true);
  });

  it("writes a valid sample submission and the solution file", () => {
    const sub = text(sampleSubmissionCsv(events.eventId)).trimEnd().split("\n");
    expect(sub[0]).toBe("EventId,RankOrder,Class");
    const ranks = sub.slice(1).map((l) => Number(l.split(",")[1]));
    expect(new Set(ranks).size).toBe(2000);
    expect(Math.min(...ranks)).toBe(1);
    expect(Math.max(...ranks)).toBe(2000);
    const { usage, weight } = splitTestSet(events, { seed: 1 });
    const sol = text(solutionCsv(events, usage, weight))
      .trimEnd()
      .split("\n");
    expect(sol[0]).toBe("EventId,Label,Weight,Usage");
    expect(sol[1]).toBe(`${events.eventId[0]},${events.label[0] === 1 ? "s" : "b"},${weight[0]},${usage[0] === 1 ? "Public" : "Private"}`);
  });
});
