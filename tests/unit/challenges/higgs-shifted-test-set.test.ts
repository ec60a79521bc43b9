import { describe, expect, it } from "vitest";
import type { GeneratedDataset } from "@/challenges/built-in";
import { generateHiggsDataset } from "@/challenges/higgs-tautau/built-in";
import { BACKGROUND_WEIGHT_TOTAL, MISSING, SIGNAL_WEIGHT_TOTAL } from "@/challenges/higgs-tautau/schema";
import { NOMINAL_SYSTEMATICS, type Systematics } from "@/challenges/higgs-tautau/simulator/systematics";
import { simulateChallengeData } from "@/challenges/simulated";
import { USAGE_PRIVATE, USAGE_PUBLIC } from "@/challenges/higgs-tautau/split";
import { ams } from "@/scoring";

// A robustness challenge: the organiser shifts the test set with the systematics knobs; the training set stays nominal.
const sizes = { seed: 23, trainEvents: 3000, testEvents: 6000, publicFraction: 0.3 };
const nominal = generateHiggsDataset(sizes);
const shiftedBy = (knobs: Partial<Systematics>) => generateHiggsDataset({ ...sizes, testSystematics: knobs });

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
  if (k < 0) throw new Error(`no column ${name}`);
  return rows.map((r) => Number(r.split(",")[k]));
}

/** test.csv as rows by EventId, each a map from column name to value, plus the raw line. */
function testRows(data: GeneratedDataset): Map<number, { get: (name: string) => number; line: string }> {
  const [header, ...lines] = text(data, "test.csv").trimEnd().split("\n");
  const names = (header as string).split(",");
  const index = new Map(names.map((n, k) => [n, k]));
  return new Map(
    lines.map((line) => {
      const cells = line.split(",").map(Number);
      const get = (name: string): number => {
        const k = index.get(name);
        if (k === undefined) throw new Error(`no column ${name}`);
        return cells[k] as number;
      };
      return [get("EventId"), { get, line }];
    }),
  );
}

/** The answer key by EventId. */
function keyRows(data: GeneratedDataset): Map<number, { label: number; weight: number; usage: number }> {
  const s = data.solution;
  return new Map(
    Array.from(s.eventId, (id, i) => [id, { label: s.label[i] as number, weight: s.weight[i] as number, usage: s.usage[i] as number }]),
  );
}

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

/** A fixed cut-based selection, the same for every test set: a window on the MMC mass, a low transverse mass, a hard tau. */
function cutSelects(row: { get: (name: string) => number }): boolean {
  const mmc = row.get("DER_mass_MMC");
  return mmc > 105 && mmc < 145 && row.get("DER_mass_transverse_met_lep") < 50 && row.get("PRI_tau_pt") > 30;
}

/** AMS of the fixed cut on the Private subset of a test set. */
function cutAms(data: GeneratedDataset): { ams: number; s: number; b: number } {
  const rows = testRows(data);
  let s = 0;
  let b = 0;
  for (const [id, k] of keyRows(data)) {
    if (k.usage !== USAGE_PRIVATE || !cutSelects(rows.get(id)!)) continue;
    if (k.label === 1) s += k.weight;
    else b += k.weight;
  }
  return { ams: ams(s, b), s, b };
}

/** |x − want| within the schema's 3-decimal rounding of x. */
const nearRounded = (x: number, want: number): boolean => Math.abs(x - want) <= 0.0005 + 1e-9;

describe("Higgs test-set systematics", () => {
  it("leaves the data exactly as before when every knob is nominal (or none is given)", () => {
    for (const testSystematics of [undefined, {}, { ...NOMINAL_SYSTEMATICS }]) {
      const again = generateHiggsDataset({ ...sizes, testSystematics });
      expect(again.manifest).toEqual(nominal.manifest);
      expect(text(again, "test.csv")).toBe(text(nominal, "test.csv"));
      expect(again.solution).toEqual(nominal.solution);
      expect(again.secrets).toEqual(nominal.secrets);
    }
  });

  it("shifts the nominal test events themselves: same ids, labels, subsets and weights, tau pT × the scale, DER_* recomputed", () => {
    const shifted = simulateChallengeData({ kind: "higgs-tautau", ...sizes, testSystematics: { tauEnergyScale: 1.03 } });
    expect(text(shifted, "training.csv")).toBe(text(nominal, "training.csv"));
    // Scaling the tau up moves no event out of the selection (tau pT > 20 GeV): every nominal event is there.
    expect(shifted.solution.eventId).toEqual(nominal.solution.eventId);
    expect(shifted.solution.label).toEqual(nominal.solution.label);
    expect(shifted.solution.usage).toEqual(nominal.solution.usage);
    expect(shifted.solution.weight).toEqual(nominal.solution.weight);
    const [rows, before] = [testRows(shifted), testRows(nominal)];
    expect([...rows.keys()]).toEqual([...before.keys()]);
    let checked = 0;
    for (const [id, row] of rows) {
      const was = before.get(id)!;
      const tau = was.get("PRI_tau_pt") * 1.03;
      expect(nearRounded(row.get("PRI_tau_pt"), tau), `event ${id} PRI_tau_pt`).toBe(true);
      // The lepton and the jets are not touched.
      for (const name of ["PRI_lep_pt", "PRI_lep_eta", "PRI_tau_eta", "PRI_jet_num", "PRI_jet_leading_pt", "PRI_jet_subleading_pt"]) {
        expect(row.get(name), `event ${id} ${name}`).toBe(was.get(name));
      }
      // Recomputed: the visible mass of two massless objects goes as sqrt(pT1 pT2), the ratio and the sum follow the tau.
      // Bound: both masses' rounding (0.0005 each, the nominal one × sqrt 1.03) and half the rounded tau pT's relative error.
      const mass = was.get("DER_mass_vis") * Math.sqrt(1.03);
      const massBound = 0.0011 + (mass * 0.00025) / row.get("PRI_tau_pt");
      expect(Math.abs(row.get("DER_mass_vis") - mass), `event ${id} DER_mass_vis`).toBeLessThanOrEqual(massBound);
      expect(Math.abs(row.get("DER_pt_ratio_lep_tau") - row.get("PRI_lep_pt") / row.get("PRI_tau_pt"))).toBeLessThanOrEqual(0.0005 + 1e-9);
      expect(
        Math.abs(row.get("DER_sum_pt") - (row.get("PRI_tau_pt") + row.get("PRI_lep_pt") + row.get("PRI_jet_all_pt"))),
      ).toBeLessThanOrEqual(0.0025);
      checked++;
    }
    expect(checked).toBe(6000);
    expect(shifted.manifest).toMatchObject({
      testEvents: 6000,
      testEventsDroppedByShift: 0,
      testSet: "the nominal test events shifted by systematic uncertainties (training set nominal)",
    });
    expect(shifted.secrets).toMatchObject({ testSystematics: { ...NOMINAL_SYSTEMATICS, tauEnergyScale: 1.03 } });
    expect(JSON.stringify(shifted.manifest)).not.toContain("1.03");
  });

  it("drops exactly the events a lower tau scale moves under the 20 GeV selection, and counts them in the manifest", () => {
    const shifted = shiftedBy({ tauEnergyScale: 0.97 });
    const before = testRows(nominal);
    const survivors = [...before].filter(([, row]) => row.get("PRI_tau_pt") * 0.97 >= 20).map(([id]) => id);
    expect(survivors.length).toBeLessThan(6000);
    expect(Array.from(shifted.solution.eventId)).toEqual(survivors);
    expect(shifted.manifest).toMatchObject({ testEvents: survivors.length, testEventsDroppedByShift: 6000 - survivors.length });
    expect(column(text(shifted, "test.csv"), "EventId")).toEqual(survivors);
    expect(column(text(shifted, "sample_submission.csv"), "EventId")).toEqual(survivors);
    // The survivors keep their nominal label, subset and weight: the lost events' weight is lost to the AMS too.
    const nominalKey = keyRows(nominal);
    for (const [id, k] of keyRows(shifted)) expect(k).toEqual(nominalKey.get(id));
    const [sig] = classSums(shifted, USAGE_PRIVATE);
    expect(sig).toBeLessThan(SIGNAL_WEIGHT_TOTAL * 0.999);
  });

  it("scales every jet by the jet energy scale, recomputes the jet features and leaves 0-jet events as they were", () => {
    const shifted = shiftedBy({ jetEnergyScale: 1.05 });
    expect(shifted.solution.eventId).toEqual(nominal.solution.eventId);
    expect(shifted.solution.label).toEqual(nominal.solution.label);
    const before = testRows(nominal);
    let zeroJet = 0;
    let twoJet = 0;
    for (const [id, row] of testRows(shifted)) {
      const was = before.get(id)!;
      expect(row.get("PRI_tau_pt")).toBe(was.get("PRI_tau_pt"));
      expect(row.get("PRI_jet_num")).toBe(was.get("PRI_jet_num"));
      const jets = was.get("PRI_jet_num");
      if (jets === 0) {
        expect(row.line, `event ${id}`).toBe(was.line);
        zeroJet++;
        continue;
      }
      expect(nearRounded(row.get("PRI_jet_leading_pt"), was.get("PRI_jet_leading_pt") * 1.05), `event ${id} leading jet`).toBe(true);
      expect(Math.abs(row.get("PRI_jet_all_pt") - was.get("PRI_jet_all_pt") * 1.05)).toBeLessThanOrEqual(0.0005 + 1e-9);
      if (jets >= 2) {
        expect(nearRounded(row.get("PRI_jet_subleading_pt"), was.get("PRI_jet_subleading_pt") * 1.05), `event ${id} second jet`).toBe(true);
        // m_jj of massless jets goes as sqrt(pT1 pT2): × the scale.
        // Bound: both masses' rounding, and half the two rounded jet pTs' relative errors (each jet above 30 GeV).
        const mjj = was.get("DER_mass_jet_jet") * 1.05;
        expect(Math.abs(row.get("DER_mass_jet_jet") - mjj), `event ${id} DER_mass_jet_jet`).toBeLessThanOrEqual(
          0.0011 + (mjj * 0.0005) / 30,
        );
        expect(row.get("DER_deltaeta_jet_jet")).toBe(was.get("DER_deltaeta_jet_jet"));
        twoJet++;
      } else {
        expect(row.get("PRI_jet_subleading_pt")).toBe(MISSING);
      }
    }
    expect(zeroJet).toBeGreaterThan(1000);
    expect(twoJet).toBeGreaterThan(500);
  });

  it("draws the soft-MET noise from the seed (the same test set twice) and touches only the MET and what derives from it", () => {
    const [a, b] = [shiftedBy({ softMet: 5 }), shiftedBy({ softMet: 5 })];
    expect(text(a, "test.csv")).toBe(text(b, "test.csv"));
    const before = testRows(nominal);
    let moved = 0;
    for (const [id, row] of testRows(a)) {
      const was = before.get(id)!;
      for (const name of ["PRI_tau_pt", "PRI_lep_pt", "PRI_jet_leading_pt", "DER_mass_vis", "DER_deltar_tau_lep", "DER_sum_pt"]) {
        expect(row.get(name), `event ${id} ${name}`).toBe(was.get(name));
      }
      if (row.get("PRI_met") !== was.get("PRI_met")) moved++;
    }
    expect(moved).toBeGreaterThan(5900);
  });

  it("carries a background normalisation into the scored weights of both leaderboards", () => {
    const scaled = shiftedBy({ backgroundNorm: 1.2 });
    expect(text(scaled, "test.csv")).toBe(text(nominal, "test.csv"));
    for (const usage of [USAGE_PUBLIC, USAGE_PRIVATE]) {
      const [sig, bkg] = classSums(scaled, usage);
      expect(sig).toBeCloseTo(SIGNAL_WEIGHT_TOTAL, 6);
      expect(bkg / BACKGROUND_WEIGHT_TOTAL).toBeCloseTo(1.2, 9);
      const [, nominalBkg] = classSums(nominal, usage);
      expect(nominalBkg / BACKGROUND_WEIGHT_TOTAL).toBeCloseTo(1, 9);
    }
  });

  it("moves a fixed cut's AMS by the systematic effect alone: no sampling noise between nominal and shifted", () => {
    const base = cutAms(nominal);
    // Same events: a background scale changes exactly b, so the AMS is the formula's with b × 1.2, to rounding.
    const norm = cutAms(shiftedBy({ backgroundNorm: 1.2 }));
    expect(norm.s).toBe(base.s);
    expect(norm.b / base.b).toBeCloseTo(1.2, 12);
    expect(norm.ams).toBeCloseTo(ams(base.s, 1.2 * base.b), 12);
    // A tau scale only moves events across the cut's edges: most of the selected weight is the same events'.
    const up = cutAms(shiftedBy({ tauEnergyScale: 1.03 }));
    const down = cutAms(shiftedBy({ tauEnergyScale: 0.97 }));
    expect(up.ams).not.toBe(base.ams);
    expect(down.ams).not.toBe(base.ams);
    for (const r of [up, down]) {
      expect(Math.abs(r.s / base.s - 1)).toBeLessThan(0.15);
      expect(Math.abs(r.b / base.b - 1)).toBeLessThan(0.3);
    }
    // An independent draw of the same size (what the test set was before): its difference is noise, not a systematic.
    const other = cutAms(generateHiggsDataset({ ...sizes, seed: 24 }));
    console.log(
      `fixed cut, Private subset of ${sizes.testEvents} test events (AMS, s, b): nominal ${base.ams.toFixed(4)} ${base.s.toFixed(2)} ${base.b.toFixed(1)}; ` +
        `tes 1.03 ${up.ams.toFixed(4)} ${up.s.toFixed(2)} ${up.b.toFixed(1)}; tes 0.97 ${down.ams.toFixed(4)} ${down.s.toFixed(2)} ${down.b.toFixed(1)}; ` +
        `bkg 1.2 ${norm.ams.toFixed(4)}; independent draw (seed 24) ${other.ams.toFixed(4)} ${other.s.toFixed(2)} ${other.b.toFixed(1)}`,
    );
  });

  it("refuses an out-of-range knob by name", () => {
    expect(() => shiftedBy({ jetEnergyScale: 3 })).toThrow(/jetEnergyScale must be a number in \[0.8, 1.2\]/);
  });
});
