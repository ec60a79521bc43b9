import { describe, expect, it } from "vitest";
import type { GeneratedDataset } from "@/challenges/built-in";
import { generateHiggsDataset } from "@/challenges/higgs-tautau/built-in";
import { BACKGROUND_WEIGHT_TOTAL, SIGNAL_WEIGHT_TOTAL } from "@/challenges/higgs-tautau/schema";
import { NOMINAL_SYSTEMATICS } from "@/challenges/higgs-tautau/simulator/systematics";
import { simulateChallengeData } from "@/challenges/simulated";
import { USAGE_PRIVATE, USAGE_PUBLIC } from "@/challenges/higgs-tautau/split";

// A robustness challenge: the organiser shifts the test set with the systematics knobs; the training set stays nominal.
const sizes = { seed: 23, trainEvents: 3000, testEvents: 6000, publicFraction: 0.3 };
const nominal = generateHiggsDataset(sizes);

// File chunks may be a one-pass generator: read each file once.
const texts = new WeakMap<GeneratedDataset, Map<string, string>>();
const text = (data: GeneratedDataset, name: string): string => {
  const cache = texts.get(data) ?? new Map<string, string>();
  texts.set(data, cache);
  if (!cache.has(name)) {
    const file = data.files.find((f) => f.filename === name);
    if (!file) throw new Error(`no ${name} in ${data.files.map((f) => f.filename).join(", ")}`);
    cache.set(name, [...file.chunks].join(""));
  }
  return cache.get(name) as string;
};

function column(csv: string, name: string): number[] {
  const [header, ...rows] = csv.trimEnd().split("\n");
  const k = (header as string).split(",").indexOf(name);
  return rows.map((r) => Number(r.split(",")[k]));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function classSums(data: GeneratedDataset, usage: number): [number, number] {
  const s = data.solution;
  let sig = 0;
  let bkg = 0;
  for (let i = 0; i < s.label.length; i++) {
    if (s.usage[i] !== usage) continue;
    if (s.label[i] === 1) sig += s.weight[i] as number;
    else bkg += s.weight[i] as number;
  }
  return [sig, bkg];
}

describe("Higgs test-set systematics", () => {
  it("leaves the data exactly as before when every knob is nominal (or none is given)", () => {
    for (const testSystematics of [undefined, {}, { ...NOMINAL_SYSTEMATICS }]) {
      const again = generateHiggsDataset({ ...sizes, testSystematics });
      expect(again.manifest).toEqual(nominal.manifest);
      expect(text(again, "test.csv")).toBe(text(nominal, "test.csv"));
      expect(again.solution.weight).toEqual(nominal.solution.weight);
      expect(again.secrets).toEqual(nominal.secrets);
    }
  });

  it("draws a shifted test set with the same ids while the training set stays nominal", () => {
    const shifted = simulateChallengeData({ kind: "higgs-tautau", ...sizes, testSystematics: { tauEnergyScale: 1.05 } });
    expect(text(shifted, "training.csv")).toBe(text(nominal, "training.csv"));
    const [test, nominalTest] = [text(shifted, "test.csv"), text(nominal, "test.csv")];
    expect(test).not.toBe(nominalTest);
    expect(column(test, "EventId")).toEqual(column(nominalTest, "EventId"));
    expect(shifted.solution.eventId).toEqual(nominal.solution.eventId);
    // Tau pT scaled by 5%: the median moves by about that (6,000 events: statistical error of the ratio ~1.5%).
    const ratio = median(column(test, "PRI_tau_pt")) / median(column(nominalTest, "PRI_tau_pt"));
    expect(ratio).toBeGreaterThan(1.02);
    expect(ratio).toBeLessThan(1.09);
    expect(shifted.manifest).toMatchObject({ testEvents: 6000, testSet: "shifted by systematic uncertainties (training set nominal)" });
    expect(shifted.secrets).toMatchObject({ testSystematics: { ...NOMINAL_SYSTEMATICS, tauEnergyScale: 1.05 } });
    expect(JSON.stringify(shifted.manifest)).not.toContain("1.05");
  });

  it("carries a background normalisation into the scored weights of both leaderboards", () => {
    const scaled = generateHiggsDataset({ ...sizes, testSystematics: { backgroundNorm: 1.2 } });
    for (const usage of [USAGE_PUBLIC, USAGE_PRIVATE]) {
      const [sig, bkg] = classSums(scaled, usage);
      expect(sig).toBeCloseTo(SIGNAL_WEIGHT_TOTAL, 6);
      expect(bkg / BACKGROUND_WEIGHT_TOTAL).toBeCloseTo(1.2, 9);
      const [, nominalBkg] = classSums(nominal, usage);
      expect(nominalBkg / BACKGROUND_WEIGHT_TOTAL).toBeCloseTo(1, 9);
    }
  });

  it("refuses an out-of-range knob by name", () => {
    expect(() => generateHiggsDataset({ ...sizes, testSystematics: { jetEnergyScale: 3 } })).toThrow(
      /jetEnergyScale must be a number in \[0.8, 1.2\]/,
    );
  });
});
