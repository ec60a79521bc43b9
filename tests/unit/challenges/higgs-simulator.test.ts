import { describe, expect, it } from "vitest";
import {
  BACKGROUND_WEIGHT_TOTAL,
  FEATURE_INDEX as F,
  HIGGS_FEATURES,
  HIGGS_PROCESSES,
  MISSING,
  SIGNAL_WEIGHT_TOTAL,
} from "@/challenges/higgs-tautau/schema";
import { DEFAULT_SIMULATOR_CONFIG } from "@/challenges/higgs-tautau/simulator/config";
import { boostedMass, missingMass, mmcScatter, type MmcParams } from "@/challenges/higgs-tautau/simulator/missing-mass";
import { simulateHiggs } from "@/challenges/higgs-tautau/simulator/simulate";

const N = 3000;
const events = simulateHiggs({ seed: 7, nEvents: N });
const col = (f: number): Float64Array => events.features[f] as Float64Array;

function sumWeights(label: number): number {
  let s = 0;
  for (let i = 0; i < N; i++) if (events.label[i] === label) s += events.weight[i] as number;
  return s;
}

describe("simulateHiggs", () => {
  it("produces the HiggsML schema with consecutive ids", () => {
    expect(HIGGS_FEATURES).toHaveLength(30);
    expect(events.features).toHaveLength(30);
    for (const c of events.features) expect(c).toHaveLength(N);
    expect(events.eventId[0]).toBe(100000);
    expect(events.eventId[N - 1]).toBe(100000 + N - 1);
    expect(simulateHiggs({ seed: 7, nEvents: 2, firstEventId: 350000 }).eventId).toEqual(Int32Array.from([350000, 350001]));
    expect(events.features.every((c) => c.every((x) => Number.isFinite(x)))).toBe(true);
  });

  it("is deterministic by seed and differs between seeds", () => {
    const again = simulateHiggs({ seed: 7, nEvents: 200 });
    const other = simulateHiggs({ seed: 8, nEvents: 200 });
    for (let f = 0; f < 30; f++) expect(again.features[f]).toEqual(col(f).subarray(0, 200));
    expect(again.label).toEqual(events.label.subarray(0, 200));
    expect(other.features[F.PRI_tau_pt]).not.toEqual(again.features[F.PRI_tau_pt]);
  });

  it("normalises class weights to Kaggle's totals", () => {
    expect(sumWeights(1)).toBeCloseTo(SIGNAL_WEIGHT_TOTAL, 6);
    expect(sumWeights(0)).toBeCloseTo(BACKGROUND_WEIGHT_TOTAL, 4);
    const signalShare = events.label.reduce((a, b) => a + b, 0) / N;
    expect(signalShare).toBeGreaterThan(0.25);
    expect(signalShare).toBeLessThan(0.45);
  });

  it("gives background continuous weights that fall with the jet multiplicity, signal one weight per process", () => {
    const distinct = (label: number): number => new Set(events.weight.filter((_, i) => events.label[i] === label)).size;
    expect(distinct(1)).toBe(3);
    expect(distinct(0)).toBeGreaterThan(500);
    const meanWeight = (jets: number): number => {
      let s = 0;
      let n = 0;
      for (let i = 0; i < N; i++) {
        if (events.label[i] === 0 && col(F.PRI_jet_num)[i] === jets) {
          s += events.weight[i] as number;
          n++;
        }
      }
      return s / n;
    };
    expect(meanWeight(0)).toBeGreaterThan(1.5 * meanWeight(2));
  });

  it("gives W+jets most of the 0-jet background weight, Z -> tau tau most events but light ones", () => {
    // In the real sample the heaviest 0-jet background events have a W's transverse mass (median ~75 GeV) and about 40%
    // have no MMC, while the lightest look like Z -> tau tau (median 35 GeV): W+jets carries ~85% of that weight.
    const wjets = HIGGS_PROCESSES.indexOf("Wjets");
    const ztt = HIGGS_PROCESSES.indexOf("Ztautau");
    const zeroJet = (p: number): { weight: number; count: number } => {
      let weight = 0;
      let count = 0;
      for (let i = 0; i < N; i++) {
        if (events.label[i] === 0 && col(F.PRI_jet_num)[i] === 0 && events.process?.[i] === p) {
          weight += events.weight[i] as number;
          count++;
        }
      }
      return { weight, count };
    };
    const w = zeroJet(wjets);
    const z = zeroJet(ztt);
    expect(w.weight / (w.weight + z.weight)).toBeGreaterThan(0.7);
    expect(w.weight / w.count).toBeGreaterThan(z.weight / z.count);
  });

  it("puts the 1-jet signal's leading jet further forward than the background's, as in the real sample", () => {
    // Real calibration half, 1-jet events by weight: leading-jet |eta| median signal (mostly gluon fusion) 1.51,
    // background (W and Z) 1.18. Gluon-fusion radiation spreads wider in rapidity than the W's and Z's: weighted mean
    // here ~1.55 against ~1.42 (with the earlier radiation etaSigma, ggH 1.662 and W, Z 2.2: 1.36 against 1.54).
    const sample = simulateHiggs({ seed: 11, nEvents: 20000 });
    const meanAbsEta = (label: number): number => {
      const jets = sample.features[F.PRI_jet_num] as Float64Array;
      const eta = sample.features[F.PRI_jet_leading_eta] as Float64Array;
      let s = 0;
      let w = 0;
      for (let i = 0; i < sample.label.length; i++) {
        if (sample.label[i] !== label || jets[i] !== 1) continue;
        s += (sample.weight[i] as number) * Math.abs(eta[i] as number);
        w += sample.weight[i] as number;
      }
      return s / w;
    };
    expect(meanAbsEta(1)).toBeGreaterThan(meanAbsEta(0) + 0.05);
  });

  it("gives the 0-jet background fake taus about as hard as the real ones: under 38% below 24 GeV (real 34%)", () => {
    // Real calibration half: 34.0% of 0-jet background events have PRI_tau_pt in 20-24 GeV. With the W+jets fake rate
    // falling as (20 GeV / pT)^1 the simulation had 39.8%; at the fitted ^0.6, 36.2% (binomial sd ~0.6% here).
    const sample = simulateHiggs({ seed: 12, nEvents: 20000 });
    const jets = sample.features[F.PRI_jet_num] as Float64Array;
    const tauPt = sample.features[F.PRI_tau_pt] as Float64Array;
    let soft = 0;
    let all = 0;
    for (let i = 0; i < sample.label.length; i++) {
      if (sample.label[i] !== 0 || jets[i] !== 0) continue;
      all++;
      if ((tauPt[i] as number) < 24) soft++;
    }
    expect(soft / all).toBeLessThan(0.38);
  });

  it("gives VH events without jets only through a W or Z that decays to no jets", () => {
    // Only VH events: the other processes' count fractions set to 0.
    const vhOnly = (invisibleFraction: number): number => {
      const config = structuredClone(DEFAULT_SIMULATOR_CONFIG);
      for (const share of Object.values(config.shares)) share.countFraction = 0;
      config.shares.VH.countFraction = 1;
      config.vh.invisibleFraction = invisibleFraction;
      const vh = simulateHiggs({ seed: 3, nEvents: 1500, config });
      const jets = vh.features[F.PRI_jet_num] as Float64Array;
      return jets.filter((j) => j === 0).length / jets.length;
    };
    expect(vhOnly(0)).toBeLessThan(0.06);
    expect(vhOnly(0.5)).toBeGreaterThan(0.25);
  });

  it("takes its parameters from the config passed in", () => {
    // Without the MMC's scatter (a factor applied after the offset), shifted offsets (of the collinear estimate and of
    // the boosted one) move every estimate by themselves.
    const unscattered = structuredClone(DEFAULT_SIMULATOR_CONFIG);
    unscattered.mmc.resolution = 0;
    const shifted = structuredClone(unscattered);
    shifted.mmc.offset += 10;
    shifted.mmc.boostedOffset += 10;
    const base = simulateHiggs({ seed: 7, nEvents: 300, config: unscattered });
    const moved = simulateHiggs({ seed: 7, nEvents: 300, config: shifted });
    for (let i = 0; i < 300; i++) {
      const m = base.features[F.DER_mass_MMC]![i] as number;
      expect(moved.features[F.DER_mass_MMC]![i]).toBeCloseTo(m === MISSING ? MISSING : m + 10, 6);
      expect(moved.features[F.PRI_met]![i]).toBe(base.features[F.PRI_met]![i]);
    }
  });

  it("applies the selection cuts", () => {
    expect(Math.min(...col(F.PRI_lep_pt))).toBeGreaterThanOrEqual(26);
    expect(Math.min(...col(F.PRI_tau_pt))).toBeGreaterThanOrEqual(20);
    expect(Math.max(...col(F.PRI_tau_eta).map(Math.abs), ...col(F.PRI_lep_eta).map(Math.abs))).toBeLessThanOrEqual(2.5);
  });

  it("marks undefined features -999 consistently with PRI_jet_num", () => {
    const leading = [F.PRI_jet_leading_pt, F.PRI_jet_leading_eta, F.PRI_jet_leading_phi];
    const twoJet = [
      F.PRI_jet_subleading_pt,
      F.PRI_jet_subleading_eta,
      F.PRI_jet_subleading_phi,
      F.DER_deltaeta_jet_jet,
      F.DER_mass_jet_jet,
      F.DER_prodeta_jet_jet,
      F.DER_lep_eta_centrality,
    ];
    const alwaysDefined = HIGGS_FEATURES.map((_, f) => f).filter(
      (f) => f !== F.DER_mass_MMC && !leading.includes(f) && !twoJet.includes(f),
    );
    const seen = [0, 0, 0, 0];
    let mmcMissing = 0;
    const violations: string[] = [];
    for (let i = 0; i < N; i++) {
      const jets = col(F.PRI_jet_num)[i] as number;
      seen[jets]! += 1;
      for (const f of leading) if ((col(f)[i] === MISSING) !== jets < 1) violations.push(`${i} ${HIGGS_FEATURES[f]}`);
      for (const f of twoJet) if ((col(f)[i] === MISSING) !== jets < 2) violations.push(`${i} ${HIGGS_FEATURES[f]}`);
      for (const f of alwaysDefined) if (col(f)[i] === MISSING) violations.push(`${i} ${HIGGS_FEATURES[f]}`);
      if (jets === 0 && col(F.PRI_jet_all_pt)[i] !== 0) violations.push(`${i} PRI_jet_all_pt`);
      if (col(F.DER_mass_MMC)[i] === MISSING) mmcMissing++;
    }
    expect(violations).toEqual([]);
    expect(seen.every((k) => k > 0)).toBe(true);
    expect(mmcMissing / N).toBeGreaterThan(0.05);
    expect(mmcMissing / N).toBeLessThan(0.35);
  });

  it("computes derived features from the primitives as the HiggsML documentation defines them", () => {
    // Independent recomputation with massless four-vectors built from (pt, eta, phi).
    const p4 = (pt: number, eta: number, phi: number): number[] => [
      pt * Math.cos(phi),
      pt * Math.sin(phi),
      pt * Math.sinh(eta),
      pt * Math.cosh(eta),
    ];
    const mass = (a: number[], b: number[]): number => {
      const s = a.map((x, k) => x + (b[k] as number));
      const [x, y, z, e] = s as [number, number, number, number];
      return Math.sqrt(Math.max(0, e * e - x * x - y * y - z * z));
    };
    const bad: string[] = [];
    for (let i = 0; i < N; i++) {
      const v = (f: number): number => col(f)[i] as number;
      const tau = p4(v(F.PRI_tau_pt), v(F.PRI_tau_eta), v(F.PRI_tau_phi));
      const lep = p4(v(F.PRI_lep_pt), v(F.PRI_lep_eta), v(F.PRI_lep_phi));
      const metX = v(F.PRI_met) * Math.cos(v(F.PRI_met_phi));
      const metY = v(F.PRI_met) * Math.sin(v(F.PRI_met_phi));
      const near = (name: string, got: number, want: number, abs = 6e-3): void => {
        if (!(Math.abs(got - want) <= abs * Math.max(1, Math.abs(want)))) bad.push(`${i} ${name}: ${got} vs ${want}`);
      };
      near("mass_vis", v(F.DER_mass_vis), mass(tau, lep), 2e-3);
      near(
        "DER_pt_h",
        v(F.DER_pt_h),
        Math.hypot((tau[0] as number) + (lep[0] as number) + metX, (tau[1] as number) + (lep[1] as number) + metY),
      );
      near("DER_sum_pt", v(F.DER_sum_pt), v(F.PRI_tau_pt) + v(F.PRI_lep_pt) + v(F.PRI_jet_all_pt));
      near("DER_pt_ratio_lep_tau", v(F.DER_pt_ratio_lep_tau), v(F.PRI_lep_pt) / v(F.PRI_tau_pt));
      let dphi = Math.abs(v(F.PRI_tau_phi) - v(F.PRI_lep_phi));
      if (dphi > Math.PI) dphi = 2 * Math.PI - dphi;
      near("DER_deltar_tau_lep", v(F.DER_deltar_tau_lep), Math.hypot(v(F.PRI_tau_eta) - v(F.PRI_lep_eta), dphi));
      const mt = Math.sqrt(2 * v(F.PRI_lep_pt) * v(F.PRI_met) * (1 - Math.cos(v(F.PRI_lep_phi) - v(F.PRI_met_phi))));
      near("DER_mass_transverse_met_lep", v(F.DER_mass_transverse_met_lep), mt);
      if (Math.abs(v(F.DER_met_phi_centrality)) > Math.SQRT2 + 1e-3) bad.push(`${i} met_phi_centrality`);
      if (v(F.PRI_jet_num) >= 2) {
        const j1 = p4(v(F.PRI_jet_leading_pt), v(F.PRI_jet_leading_eta), v(F.PRI_jet_leading_phi));
        const j2 = p4(v(F.PRI_jet_subleading_pt), v(F.PRI_jet_subleading_eta), v(F.PRI_jet_subleading_phi));
        near("mass_jet_jet", v(F.DER_mass_jet_jet), mass(j1, j2), 2e-3);
        near("DER_deltaeta_jet_jet", v(F.DER_deltaeta_jet_jet), Math.abs(v(F.PRI_jet_leading_eta) - v(F.PRI_jet_subleading_eta)));
        near("DER_prodeta_jet_jet", v(F.DER_prodeta_jet_jet), v(F.PRI_jet_leading_eta) * v(F.PRI_jet_subleading_eta));
        if (v(F.PRI_jet_leading_pt) < v(F.PRI_jet_subleading_pt)) bad.push(`${i} jet order`);
        if (v(F.PRI_jet_all_pt) < v(F.PRI_jet_leading_pt) + v(F.PRI_jet_subleading_pt) - 2e-3) bad.push(`${i} jet_all_pt`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe("missingMass", () => {
  const mmc = {
    scale: 1,
    offset: 0,
    failMet: 30,
    maxRatio: 6,
    lepFloor: 0,
    tauFloor: 0,
    resolution: 0,
    boostedPt: 60,
    boostedMetResolution: 0.6,
    boostedScale: 1,
    boostedOffset: 0,
  };
  // Tau along phi = 0, lepton along phi = 2: the wedge between them spans (0, 2).
  const at = (met: number, phi: number): number => missingMass(40, 0, 40, 2, met * Math.cos(phi), met * Math.sin(phi), 60, mmc);

  it("adds the collinear neutrinos to the visible mass when the MET lies between the taus", () => {
    // MET on the bisector is shared equally: 30 sin(1) = 40 a sin(2) from the 2x2 collinear system.
    const a = (30 * Math.sin(1)) / (40 * Math.sin(2));
    expect(at(30, 1)).toBeCloseTo(60 * (1 + a), 6);
    expect(at(0, 0)).toBeCloseTo(60, 9);
  });

  it("never falls to the visible mass with floors on the neutrino ratios", () => {
    const floored = { ...mmc, lepFloor: 0.6, tauFloor: 0.2 };
    // No MET: both ratios sit at their floors, m = 60 sqrt(1.2 * 1.6).
    expect(missingMass(40, 0, 40, 2, 0, 0, 60, floored)).toBeCloseTo(60 * Math.sqrt(1.2 * 1.6), 6);
    // A large ratio is barely moved: hypot(a, floor).
    const a = (30 * Math.sin(1)) / (40 * Math.sin(2));
    const [lep, tau] = [Math.hypot(a, 0.6), Math.hypot(a, 0.2)];
    expect(missingMass(40, 0, 40, 2, 30 * Math.cos(1), 30 * Math.sin(1), 60, floored)).toBeCloseTo(
      60 * Math.sqrt((1 + lep) * (1 + tau)),
      6,
    );
  });

  it("scatters the estimate by a reproducible standard-normal factor of the lepton's direction", () => {
    const z: number[] = [];
    for (let eta = -2.5; eta <= 2.5; eta += 0.05) for (let phi = -3.1; phi <= 3.1; phi += 0.1) z.push(mmcScatter(eta, phi));
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length);
    expect(z.length).toBeGreaterThan(6000);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(sd).toBeGreaterThan(0.95);
    expect(sd).toBeLessThan(1.05);
    expect(mmcScatter(1.234, -0.5)).toBe(mmcScatter(1.234, -0.5));
    const s = mmcScatter(0.7, 2.1);
    expect(missingMass(40, 0, 40, 2, 0, 0, 60, { ...mmc, resolution: 0.1 }, s)).toBeCloseTo(60 * Math.exp(0.1 * s), 9);
  });

  it("is undefined only when the MET outside the wedge exceeds failMet", () => {
    // 20 GeV at 1 rad outside: 20 sin(1) = 16.8 GeV outside, an estimate; 50 GeV: 42 GeV outside, none.
    expect(at(20, -1)).not.toBe(MISSING);
    expect(at(50, -1)).toBe(MISSING);
    expect(missingMass(40, 0, 40, 2, 50 * Math.cos(-1), 50 * Math.sin(-1), 60, { ...mmc, failMet: 45 })).not.toBe(MISSING);
  });
});

describe("boostedMass", () => {
  const mmc: MmcParams = { ...DEFAULT_SIMULATOR_CONFIG.mmc, boostedScale: 0.9, boostedOffset: 5 };
  // Tau of 100 GeV along phi = 0, lepton of 60 GeV along phi = 1; visible fractions on grid points (6.5 / 12, 3.5 / 12).
  const [xTau, xLep] = [6.5 / 12, 3.5 / 12];
  const metFor = (rTau: number, rLep: number): [number, number] => [100 * rTau + 60 * rLep * Math.cos(1), 60 * rLep * Math.sin(1)];
  const [metX, metY] = metFor(1 / xTau - 1, 1 / xLep - 1);
  const visible = { tauPt: 100, tauPhi: 0, lepPt: 60, lepPhi: 1, massVis: 70 };

  it("recovers m_vis / sqrt(x_tau x_lep) when the MET resolution is small next to the neutrinos", () => {
    const sharp = { ...mmc, boostedMetResolution: 0.01 };
    expect(boostedMass({ ...visible, metX, metY, sumEt: 100 }, sharp)).toBeCloseTo(0.9 * (70 / Math.sqrt(xTau * xLep)) + 5, 6);
  });

  it("rises with the MET along the tau and stays finite for a MET no grid point explains", () => {
    const at = (rTau: number): number => {
      const [x, y] = metFor(rTau, 1 / xLep - 1);
      return boostedMass({ ...visible, metX: x, metY: y, sumEt: 150 }, mmc);
    };
    expect(at(0.5)).toBeLessThan(at(1));
    expect(at(1)).toBeLessThan(at(2));
    // A 4 TeV MET against the taus: every likelihood weight would underflow without the shift to the best grid point,
    // which is the one with the least neutrino momentum (both fractions 11.5 / 12) and takes all the weight.
    const far = boostedMass({ ...visible, metX: -3000, metY: -3000, sumEt: 100 }, mmc);
    expect(far).toBeCloseTo(0.9 * (70 / (11.5 / 12)) + 5, 6);
  });

  it("gives DER_mass_MMC from a visible di-tau pT of boostedPt on, the collinear estimate below it", () => {
    const mmcParams = DEFAULT_SIMULATOR_CONFIG.mmc;
    let boosted = 0;
    let collinear = 0;
    for (let i = 0; i < N; i++) {
      if (col(F.DER_mass_MMC)[i] === MISSING) continue;
      const [tauPt, tauPhi, lepPt, lepPhi] = [col(F.PRI_tau_pt)[i]!, col(F.PRI_tau_phi)[i]!, col(F.PRI_lep_pt)[i]!, col(F.PRI_lep_phi)[i]!];
      const [met, metPhi] = [col(F.PRI_met)[i]!, col(F.PRI_met_phi)[i]!];
      const [metX, metY, massVis] = [met * Math.cos(metPhi), met * Math.sin(metPhi), col(F.DER_mass_vis)[i]!];
      const ptVis = Math.hypot(tauPt * Math.cos(tauPhi) + lepPt * Math.cos(lepPhi), tauPt * Math.sin(tauPhi) + lepPt * Math.sin(lepPhi));
      const expected =
        ptVis >= mmcParams.boostedPt
          ? boostedMass({ tauPt, tauPhi, lepPt, lepPhi, metX, metY, massVis, sumEt: col(F.PRI_met_sumet)[i]! }, mmcParams)
          : missingMass(tauPt, tauPhi, lepPt, lepPhi, metX, metY, massVis, mmcParams, mmcScatter(col(F.PRI_lep_eta)[i]!, lepPhi));
      expect(col(F.DER_mass_MMC)[i]).toBeCloseTo(expected, 2);
      if (ptVis >= mmcParams.boostedPt) boosted++;
      else collinear++;
    }
    expect(boosted).toBeGreaterThan(N / 10);
    expect(collinear).toBeGreaterThan(N / 10);
  });
});
