import { describe, expect, it } from "vitest";
import { FEATURE_INDEX as F, HIGGS_PROCESSES, MISSING, type HiggsEvents } from "@/challenges/higgs-tautau/schema";
import { simulateHiggs } from "@/challenges/higgs-tautau/simulator/simulate";
import { DEFAULT_SIMULATOR_CONFIG } from "@/challenges/higgs-tautau/simulator/config";
import { computeDerived } from "@/challenges/higgs-tautau/simulator/derived-features";
import { NOMINAL_SYSTEMATICS, resolveSystematics, shiftEvent } from "@/challenges/higgs-tautau/simulator/systematics";
import { Random } from "@/challenges/shared/random";

const N = 2000;
const nominal = simulateHiggs({ seed: 31, nEvents: N });
const col = (ev: HiggsEvents, f: number): Float64Array => ev.features[f] as Float64Array;
const processIndex = (name: (typeof HIGGS_PROCESSES)[number]): number => HIGGS_PROCESSES.indexOf(name);

function sumWeights(ev: HiggsEvents, keep: (i: number) => boolean): number {
  let s = 0;
  for (let i = 0; i < ev.label.length; i++) if (keep(i)) s += ev.weight[i] as number;
  return s;
}

function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)] as number;
}

describe("resolveSystematics", () => {
  it("defaults every knob to its nominal value and overrides the ones given", () => {
    expect(resolveSystematics()).toEqual(NOMINAL_SYSTEMATICS);
    expect(resolveSystematics({ tauEnergyScale: 1.03 })).toEqual({ ...NOMINAL_SYSTEMATICS, tauEnergyScale: 1.03 });
  });

  it("rejects unknown knobs and out-of-range values with the knob's name", () => {
    expect(() => resolveSystematics({ tes: 1.01 } as never)).toThrow(/unknown systematic "tes"/);
    expect(() => resolveSystematics({ tauEnergyScale: 3 })).toThrow(/tauEnergyScale must be a number in \[0.8, 1.2\], got 3/);
    expect(() => resolveSystematics({ softMet: -1 })).toThrow(/softMet/);
    expect(() => resolveSystematics({ ttbarNorm: Number.NaN })).toThrow(/ttbarNorm/);
    expect(() => simulateHiggs({ seed: 1, nEvents: 10, systematics: { jetEnergyScale: 0 } })).toThrow(RangeError);
  });
});

describe("normalisation systematics", () => {
  const ttbar = processIndex("ttbar");
  const wjets = processIndex("Wjets");
  const isBackground =
    (ev: HiggsEvents) =>
    (i: number): boolean =>
      ev.label[i] === 0;

  it("scale the chosen process's weights exactly and leave the events alone", () => {
    const shifted = simulateHiggs({ seed: 31, nEvents: N, systematics: { ttbarNorm: 1.25, wjetsNorm: 0.8 } });
    for (let f = 0; f < 30; f++) expect(shifted.features[f]).toEqual(nominal.features[f]);
    for (let i = 0; i < N; i++) {
      const p = nominal.process![i];
      const factor = p === ttbar ? 1.25 : p === wjets ? 0.8 : 1;
      expect(shifted.weight[i]).toBeCloseTo((nominal.weight[i] as number) * factor, 10);
    }
    const ttbarSum = sumWeights(nominal, (i) => nominal.process![i] === ttbar);
    const wjetsSum = sumWeights(nominal, (i) => nominal.process![i] === wjets);
    expect(ttbarSum).toBeGreaterThan(0);
    expect(sumWeights(shifted, isBackground(shifted))).toBeCloseTo(
      sumWeights(nominal, isBackground(nominal)) + 0.25 * ttbarSum - 0.2 * wjetsSum,
      6,
    );
  });

  it("backgroundNorm scales the summed background weight and not the signal", () => {
    const shifted = simulateHiggs({ seed: 31, nEvents: N, systematics: { backgroundNorm: 1.1 } });
    expect(sumWeights(shifted, isBackground(shifted))).toBeCloseTo(1.1 * sumWeights(nominal, isBackground(nominal)), 6);
    expect(sumWeights(shifted, (i) => shifted.label[i] === 1)).toBeCloseTo(
      sumWeights(nominal, (i) => nominal.label[i] === 1),
      10,
    );
  });
});

describe("tau energy scale", () => {
  const up = simulateHiggs({ seed: 31, nEvents: N, systematics: { tauEnergyScale: 1.03 } });

  it("shifts the same events: tau pT by the scale, the visible mass by its square root, the MET by the opposite shift", () => {
    // Scaling up loses no event, so the shifted sample is the nominal one event by event.
    expect(up.label).toEqual(nominal.label);
    const massRatio: number[] = [];
    for (let i = 0; i < N; i++) {
      const tau = col(nominal, F.PRI_tau_pt)[i] as number;
      expect(col(up, F.PRI_tau_pt)[i]).toBeCloseTo(1.03 * tau, 2);
      expect(col(up, F.PRI_lep_pt)[i]).toBe(col(nominal, F.PRI_lep_pt)[i]);
      expect(col(up, F.PRI_tau_eta)[i]).toBe(col(nominal, F.PRI_tau_eta)[i]);
      massRatio.push((col(up, F.DER_mass_vis)[i] as number) / (col(nominal, F.DER_mass_vis)[i] as number));
      const phi = col(nominal, F.PRI_tau_phi)[i] as number;
      const metX = (col(nominal, F.PRI_met)[i] as number) * Math.cos(col(nominal, F.PRI_met_phi)[i] as number) - 0.03 * tau * Math.cos(phi);
      const metY = (col(nominal, F.PRI_met)[i] as number) * Math.sin(col(nominal, F.PRI_met_phi)[i] as number) - 0.03 * tau * Math.sin(phi);
      expect(col(up, F.PRI_met)[i]).toBeCloseTo(Math.hypot(metX, metY), 1);
    }
    // m_vis^2 is proportional to the tau pT (massless objects): +3% in pT is +1.49% in mass.
    expect(median(massRatio)).toBeCloseTo(Math.sqrt(1.03), 3);
    expect(Math.min(...massRatio)).toBeGreaterThan(1.01);
    expect(Math.max(...massRatio)).toBeLessThan(1.02);
  });

  it("scaling down drops the events that leave the selection yet still fills nEvents", () => {
    const down = simulateHiggs({ seed: 31, nEvents: N, systematics: { tauEnergyScale: 0.95 } });
    expect(down.label).toHaveLength(N);
    expect(Math.min(...col(down, F.PRI_tau_pt))).toBeGreaterThanOrEqual(20);
    const nominalLow = col(nominal, F.PRI_tau_pt).filter((pt) => pt * 0.95 < 20).length;
    expect(nominalLow).toBeGreaterThan(0);
    expect(down.eventId[N - 1]).toBe(100000 + N - 1);
  });
});

describe("jet energy scale and soft MET", () => {
  it("JES rescales the jets, moves jets under 30 GeV out of the list and keeps -999 consistent", () => {
    const down = simulateHiggs({ seed: 31, nEvents: N, systematics: { jetEnergyScale: 0.9 } });
    let lost = 0;
    for (let i = 0; i < N; i++) {
      const jets = col(down, F.PRI_jet_num)[i] as number;
      if (jets < (col(nominal, F.PRI_jet_num)[i] as number)) lost++;
      expect(col(down, F.PRI_jet_leading_pt)[i] === MISSING).toBe(jets < 1);
      expect(col(down, F.DER_mass_jet_jet)[i] === MISSING).toBe(jets < 2);
      if (jets >= 1) expect(col(down, F.PRI_jet_leading_pt)[i]).toBeGreaterThanOrEqual(30);
      if (jets >= 2) expect(col(down, F.PRI_jet_subleading_pt)[i]).toBeGreaterThanOrEqual(30);
      if (jets >= 1 && col(nominal, F.PRI_jet_num)[i] === jets) {
        expect(col(down, F.PRI_jet_leading_pt)[i]).toBeCloseTo(0.9 * (col(nominal, F.PRI_jet_leading_pt)[i] as number), 2);
      }
    }
    expect(lost).toBeGreaterThan(N * 0.02);
  });

  it("JES leaves a 0-jet event exactly as it was, even with its MET azimuth published as 3.142", () => {
    // Recomputed from the rounded columns, 3.142 (rounded from just under π) came back as -3.141 and moved mT and pT_h.
    const zeroJet = Array.from({ length: N }, (_, i) => i).filter((i) => col(nominal, F.PRI_jet_num)[i] === 0);
    expect(zeroJet.length).toBeGreaterThan(100);
    for (const phi of [3.142, -3.142, 1.234]) {
      const cols = nominal.features.map((c) => Float64Array.from(zeroJet, (i) => c[i] as number));
      cols[F.PRI_met_phi]!.fill(phi);
      for (let k = 0; k < zeroJet.length; k++) computeDerived(cols, k, DEFAULT_SIMULATOR_CONFIG.mmc);
      const before = cols.map((c) => Float64Array.from(c));
      const shift = { ...NOMINAL_SYSTEMATICS, jetEnergyScale: 1.05 };
      for (let k = 0; k < zeroJet.length; k++) expect(shiftEvent(cols, k, shift, new Random(1), DEFAULT_SIMULATOR_CONFIG.mmc)).toBe(true);
      // Only the derived features could move (they are recomputed from the same PRI columns): none may.
      cols.forEach((c, f) => expect(Array.from(c), `feature ${f}, azimuth ${phi}`).toEqual(Array.from(before[f]!)));
    }
  });

  it("soft MET adds Gaussian noise of the given width to each MET component and nothing else", () => {
    const noisy = simulateHiggs({ seed: 31, nEvents: N, systematics: { softMet: 5 } });
    const dx: number[] = [];
    for (let i = 0; i < N; i++) {
      for (const f of [F.PRI_tau_pt, F.PRI_lep_pt, F.PRI_jet_leading_pt, F.PRI_jet_all_pt])
        expect(col(noisy, f)[i]).toBe(col(nominal, f)[i]);
      const x = (ev: HiggsEvents): number => (col(ev, F.PRI_met)[i] as number) * Math.cos(col(ev, F.PRI_met_phi)[i] as number);
      dx.push(x(noisy) - x(nominal));
    }
    const sd = Math.sqrt(dx.reduce((a, d) => a + d * d, 0) / N);
    expect(sd).toBeGreaterThan(4.5);
    expect(sd).toBeLessThan(5.5);
  });
});
