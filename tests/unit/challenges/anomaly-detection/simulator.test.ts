import { describe, expect, it } from "vitest";
import { countSignal, FEATURE, type AnomalyEvents } from "@/challenges/anomaly-detection/schema";
import { dijetDensity, invertSpectrum, tabulateDijet } from "@/challenges/anomaly-detection/simulator/dijet-spectrum";
import { qcdJet, type Jet } from "@/challenges/anomaly-detection/simulator/jets";
import { DEFAULT_ANOMALY_PARAMS, type AnomalyParams } from "@/challenges/anomaly-detection/simulator/params";
import { replayAnomalyManifest, simulateAnomaly } from "@/challenges/anomaly-detection/simulator/simulate";
import { Random } from "@/challenges/shared/random";

const col = (events: AnomalyEvents, f: number): Float64Array => events.features[f]!;

function rows(events: AnomalyEvents, label: number): number[] {
  const out: number[] = [];
  events.label.forEach((l, i) => l === label && out.push(i));
  return out;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe("simulateAnomaly: reproducibility", () => {
  it("gives exactly the recorded first events for seed 42", () => {
    const { events } = simulateAnomaly({ seed: 42, nEvents: 4, signalFraction: 0.5 });
    expect(Array.from(events.label)).toEqual([1, 0, 0, 1]);
    expect(Array.from(col(events, FEATURE.mjj))).toEqual([3620.8218233965044, 3353.5802923327046, 2814.2634002426566, 3326.8051465954727]);
    expect(Array.from(col(events, FEATURE.mj1))).toEqual([120.24863704680152, 76.36137855343472, 56.5334806399494, 554.4148163945574]);
    expect(Array.from(col(events, FEATURE.delta_mj))).toEqual([
      333.3689178032946, 5.315743787534132, 45.53177065702978, 11.707683919697047,
    ]);
    expect(Array.from(col(events, FEATURE.tau21_1))).toEqual([
      0.2637703289834002, 0.46527158236914584, 0.9082851814780312, 0.11477503078574289,
    ]);
    expect(Array.from(col(events, FEATURE.tau21_2))).toEqual([
      0.1153830114725038, 0.35159834710099697, 0.897380536869454, 0.2035115766323363,
    ]);
  });

  it("replays a manifest (through JSON) bit for bit, and differs between seeds", () => {
    const { manifest, events } = simulateAnomaly({ seed: 5, nEvents: 2000, signalFraction: 0.02 });
    expect(manifest).toMatchObject({ simulator: "anomaly-detection", version: 2, seed: 5, nEvents: 2000, signalFraction: 0.02 });
    expect(manifest.params).toEqual(DEFAULT_ANOMALY_PARAMS);
    const replayed = replayAnomalyManifest(JSON.parse(JSON.stringify(manifest)));
    expect(replayed.label).toEqual(events.label);
    for (let f = 0; f < 5; f++) expect(col(replayed, f)).toEqual(col(events, f));
    const other = simulateAnomaly({ seed: 6, nEvents: 2000, signalFraction: 0.02 }).events;
    expect(col(other, FEATURE.mjj)).not.toEqual(col(events, FEATURE.mjj));
  });

  it("refuses foreign, other-version or invalid manifests with the reason", () => {
    const { manifest } = simulateAnomaly({ seed: 5, nEvents: 10, signalFraction: 0 });
    expect(() => replayAnomalyManifest({ ...manifest, version: 1 })).toThrow(/version/);
    // Data made from a secret key say so, and cannot be replayed from the manifest alone.
    const keyed = simulateAnomaly({ seed: new Uint8Array(32).fill(7), nEvents: 10, signalFraction: 0 }).manifest;
    expect(keyed.seed).toBe("secret key");
    expect(() => replayAnomalyManifest(keyed)).toThrow(/seed/);
    expect(() => replayAnomalyManifest({ ...manifest, simulator: "higgs-tautau" })).toThrow(/simulator/);
    const badWindow = { ...manifest, params: { ...manifest.params, mjjRange: [5000, 4000] } };
    expect(() => replayAnomalyManifest(badWindow)).toThrow(/mjjRange must be increasing/);
  });

  it("keeps streams independent: the background does not move with the signal fraction or the τ21 model", () => {
    const nullSample = simulateAnomaly({ seed: 9, nEvents: 1000, signalFraction: 0 }).events;
    const injected = simulateAnomaly({ seed: 9, nEvents: 1000, signalFraction: 0.05 }).events;
    const background = rows(injected, 0);
    expect(background).toHaveLength(950);
    // The k-th background event of the injected sample is the k-th event of the null sample.
    for (let f = 0; f < 5; f++) {
      expect(background.map((i) => col(injected, f)[i])).toEqual(Array.from(col(nullSample, f).subarray(0, 950)));
    }
    const params: AnomalyParams = {
      ...DEFAULT_ANOMALY_PARAMS,
      background: { ...DEFAULT_ANOMALY_PARAMS.background, tau21: { a: 5, b: 5 } },
    };
    const retuned = simulateAnomaly({ seed: 9, nEvents: 1000, signalFraction: 0, params }).events;
    expect(col(retuned, FEATURE.mjj)).toEqual(col(nullSample, FEATURE.mjj));
    expect(col(retuned, FEATURE.tau21_1)).not.toEqual(col(nullSample, FEATURE.tau21_1));
  });

  it("injects exactly round(n · fraction) signal events and none in a null sample", () => {
    expect(countSignal(simulateAnomaly({ seed: 1, nEvents: 10_000, signalFraction: 0 }).events)).toBe(0);
    expect(countSignal(simulateAnomaly({ seed: 1, nEvents: 10_000, signalFraction: 0.0123 }).events)).toBe(123);
    expect(countSignal(simulateAnomaly({ seed: 1, nEvents: 7, signalFraction: 1 }).events)).toBe(7);
    expect(() => simulateAnomaly({ seed: 1, nEvents: 10, signalFraction: 1.5 })).toThrow(RangeError);
    expect(() => simulateAnomaly({ seed: 1, nEvents: 2.5, signalFraction: 0 })).toThrow(RangeError);
  });

  it("refuses a window that excludes the signal peak instead of looping", () => {
    const params: AnomalyParams = { ...DEFAULT_ANOMALY_PARAMS, mjjRange: [5000, 5500] };
    expect(() => simulateAnomaly({ seed: 1, nEvents: 10, signalFraction: 0.5, params })).toThrow(/outside the window/);
  });
});

describe("simulateAnomaly: physics", () => {
  const { events } = simulateAnomaly({ seed: 2020, nEvents: 40_000, signalFraction: 0.1 });
  const signal = rows(events, 1);
  const background = rows(events, 0);
  const values = (idx: number[], f: number): number[] => idx.map((i) => col(events, f)[i]!);
  const heavier = (idx: number[]): number[] => idx.map((i) => col(events, FEATURE.mj1)[i]! + col(events, FEATURE.delta_mj)[i]!);

  it("keeps every event in the window with the lighter jet first", () => {
    const [lo, hi] = DEFAULT_ANOMALY_PARAMS.mjjRange;
    expect(col(events, FEATURE.mjj).every((m) => m >= lo && m <= hi)).toBe(true);
    expect(col(events, FEATURE.delta_mj).every((d) => d >= 0)).toBe(true);
    for (const f of [FEATURE.tau21_1, FEATURE.tau21_2]) expect(col(events, f).every((t) => t > 0 && t < 1)).toBe(true);
  });

  it("puts the signal in a narrow mjj peak at 3.5 TeV", () => {
    const mjj = values(signal, FEATURE.mjj);
    expect(Math.abs(median(mjj) - 3500)).toBeLessThan(15);
    const within = mjj.filter((m) => Math.abs(m - 3500) < 250).length / mjj.length;
    expect(within).toBeGreaterThan(0.94); // ±2σ of a 3.5% resolution is ±245 GeV
  });

  it("puts the signal jet masses near m_Y = 100 and m_X = 500 GeV", () => {
    expect(median(values(signal, FEATURE.mj1))).toBeGreaterThan(100);
    expect(median(values(signal, FEATURE.mj1))).toBeLessThan(125);
    expect(median(heavier(signal))).toBeGreaterThan(480);
    expect(median(heavier(signal))).toBeLessThan(530);
    expect(median(heavier(background))).toBeLessThan(350);
  });

  it("gives the signal lower τ21 (two-prong jets)", () => {
    expect(mean(values(signal, FEATURE.tau21_2))).toBeLessThan(mean(values(background, FEATURE.tau21_2)) - 0.15);
    expect(mean(values(signal, FEATURE.tau21_1))).toBeLessThan(mean(values(background, FEATURE.tau21_1)) - 0.1);
  });

  it("has a falling background mjj spectrum", () => {
    const counts = [2800, 3300, 3800, 4300, 4800].map(
      (lo) => values(background, FEATURE.mjj).filter((m) => m >= lo && m < lo + 500).length,
    );
    for (let k = 1; k < counts.length; k++) expect(counts[k]).toBeLessThan(counts[k - 1]!);
  });
});

describe("dijet spectrum and jets", () => {
  it("inverts a flat spectrum linearly (p = 0 makes f constant)", () => {
    const table = tabulateDijet(13000, [3000, 4000], { p1: 0, p2: 0, p3: 0 }, 101);
    expect(invertSpectrum(table, 0)).toBe(3000);
    expect(invertSpectrum(table, 0.25)).toBeCloseTo(3250, 9);
    expect(invertSpectrum(table, 0.999)).toBeCloseTo(3999, 9);
  });

  it("tabulates the dijet function's CDF to 1e-7 of the exact integral (p = (1, 0, 0): f ∝ 1 − x)", () => {
    const table = tabulateDijet(13000, [2600, 6500], { p1: 1, p2: 0, p3: 0 }, 4096);
    const exact = (m: number): number => m - (m * m) / (2 * 13000);
    const u = (exact(4000) - exact(2600)) / (exact(6500) - exact(2600));
    expect(invertSpectrum(table, u)).toBeCloseTo(4000, 6);
    expect(dijetDensity(6500, 13000, { p1: 5, p2: 3.32, p3: 0.1 })).toBeCloseTo(0.5 ** 5 / 0.5 ** (3.32 + 0.1 * Math.log(0.5)), 12);
  });

  it("matches the worked example of a QCD jet (z = 0, u = 0.5 → 172.8 GeV, τ21 0.5804)", () => {
    const stub = { normal: () => 0, uniform: () => 0.5 } as unknown as Random;
    const jet: Jet = { mass: 0, tau21: 0 };
    qcdJet(jet, 3500, DEFAULT_ANOMALY_PARAMS.background, stub, stub);
    expect(jet.mass).toBe(172.8);
    expect(jet.tau21).toBeCloseTo((1 - 0.5 ** (1 / 1.728)) ** (1 / 2.956) * (1 - 0.902 * 0.1728), 12);
    expect(jet.tau21).toBeCloseTo(0.5804, 4);
  });
});
