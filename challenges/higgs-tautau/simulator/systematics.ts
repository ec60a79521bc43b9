/**
 * Systematic uncertainties as named knobs, after the FAIR-Universe HiggsML
 * Uncertainty Challenge (2024): tau and jet energy scales, an extra soft-term
 * MET resolution, and the normalisations of tt̄, the electroweak background
 * (W + jets here, the role FAIR-Universe's diboson sample plays) and the whole
 * background. Like FAIR-Universe, shape systematics act on reconstructed events:
 * the tau and jet momenta are rescaled, the MET absorbs the opposite shift, the
 * selection is applied again and every DER_* feature is recomputed. So a
 * shifted sample holds the same events as the nominal one with the same seed
 * (less those the shift moves out of the selection). Jets below the 30 GeV
 * threshold are not kept in the published columns, so a JES above 1 cannot
 * promote them (nor can a third jet's direction enter the MET correction).
 */
import type { SystematicKnob } from "../../kind";
import type { Random } from "../../shared/random";
import { FEATURE_INDEX as F, HIGGS_PROCESSES, type HiggsEvents, MISSING } from "../schema";
import { computeDerived } from "./derived-features";
import { round3 } from "./detector";
import type { MmcParams } from "./missing-mass";

export interface Systematics {
  /** Multiplies the hadronic tau's transverse momentum (FAIR-Universe "tes", nominal 1, ±1% typical). */
  tauEnergyScale: number;
  /** Multiplies every jet's transverse momentum (FAIR-Universe "jes", nominal 1, ±1% typical). */
  jetEnergyScale: number;
  /** Standard deviation in GeV of extra Gaussian noise on each MET component (FAIR-Universe "soft_met", nominal 0). */
  softMet: number;
  /** Scales the tt̄ weights (FAIR-Universe "ttbar_scale"). */
  ttbarNorm: number;
  /** Scales the W + jets weights (FAIR-Universe "diboson_scale": our electroweak background). */
  wjetsNorm: number;
  /** Scales every background weight (FAIR-Universe "bkg_scale"). */
  backgroundNorm: number;
}

export const NOMINAL_SYSTEMATICS: Readonly<Systematics> = Object.freeze({
  tauEnergyScale: 1,
  jetEnergyScale: 1,
  softMet: 0,
  ttbarNorm: 1,
  wjetsNorm: 1,
  backgroundNorm: 1,
});

/** The knobs in display order with a label for forms and help (the organiser's create-challenge form lists them). */
export const SYSTEMATIC_LABELS: { readonly [K in keyof Systematics]: string } = {
  tauEnergyScale: "Tau energy scale (multiplies the tau pT)",
  jetEnergyScale: "Jet energy scale (multiplies every jet pT)",
  softMet: "Extra soft-MET resolution (GeV per MET component)",
  ttbarNorm: "tt̄ normalisation (multiplies the tt̄ weights)",
  wjetsNorm: "W + jets normalisation (multiplies the W + jets weights)",
  backgroundNorm: "Total background normalisation (multiplies every background weight)",
};

/** Allowed range of every knob: wide enough for any stress test, narrow enough to catch unit mistakes (e.g. 3 for 3%). */
export const SYSTEMATIC_RANGES: { readonly [K in keyof Systematics]: readonly [number, number] } = {
  tauEnergyScale: [0.8, 1.2],
  jetEnergyScale: [0.8, 1.2],
  softMet: [0, 20],
  ttbarNorm: [0, 5],
  wjetsNorm: [0, 5],
  backgroundNorm: [0, 5],
};

/** The knobs as the organiser's form offers them (challenges/kind.ts SystematicKnob). */
export const HIGGS_SYSTEMATIC_KNOBS: readonly SystematicKnob[] = (Object.keys(NOMINAL_SYSTEMATICS) as (keyof Systematics)[]).map(
  (name) => ({
    name,
    label: SYSTEMATIC_LABELS[name],
    nominal: NOMINAL_SYSTEMATICS[name],
    min: SYSTEMATIC_RANGES[name][0],
    max: SYSTEMATIC_RANGES[name][1],
  }),
);

/** The nominal values overridden by `partial`; throws a RangeError naming any knob that is unknown or out of range. */
export function resolveSystematics(partial: Partial<Systematics> = {}): Systematics {
  const out: Systematics = { ...NOMINAL_SYSTEMATICS };
  for (const [key, value] of Object.entries(partial)) {
    if (!(key in SYSTEMATIC_RANGES))
      throw new RangeError(`unknown systematic "${key}"; known: ${Object.keys(SYSTEMATIC_RANGES).join(", ")}`);
    const [lo, hi] = SYSTEMATIC_RANGES[key as keyof Systematics];
    if (typeof value !== "number" || !(value >= lo && value <= hi)) {
      throw new RangeError(`systematic ${key} must be a number in [${lo}, ${hi}], got ${String(value)}`);
    }
    out[key as keyof Systematics] = value;
  }
  return out;
}

/** True when any knob differs from nominal. */
export function isShifted(s: Systematics): boolean {
  return (Object.keys(NOMINAL_SYSTEMATICS) as (keyof Systematics)[]).some((k) => s[k] !== NOMINAL_SYSTEMATICS[k]);
}

/** True when a knob changes event kinematics (not only weights). */
export function shiftsShapes(s: Systematics): boolean {
  return s.tauEnergyScale !== 1 || s.jetEnergyScale !== 1 || s.softMet !== 0;
}

/** Weight factor of process index `p` from the normalisation knobs. */
export function normFactor(p: number, s: Systematics): number {
  const name = HIGGS_PROCESSES[p];
  if (name === "ggH" || name === "VBF" || name === "VH") return 1;
  const own = name === "ttbar" ? s.ttbarNorm : name === "Wjets" ? s.wjetsNorm : 1;
  return own * s.backgroundNorm;
}

const TAU_PT_MIN = 20;
const JET_PT_MIN = 30;

/**
 * Applies the shape knobs to event `i` of `cols` in place and recomputes its
 * derived features; returns false when the shifted event fails the selection.
 */
export function shiftEvent(cols: Float64Array[], i: number, s: Systematics, rng: Random, mmc: MmcParams): boolean {
  const get = (f: number): number => (cols[f] as Float64Array)[i] as number;
  const set = (f: number, v: number): void => {
    (cols[f] as Float64Array)[i] = v;
  };
  const tauPt = get(F.PRI_tau_pt),
    tauPhi = get(F.PRI_tau_phi);
  const metX0 = get(F.PRI_met) * Math.cos(get(F.PRI_met_phi));
  const metY0 = get(F.PRI_met) * Math.sin(get(F.PRI_met_phi));
  let metX = metX0;
  let metY = metY0;
  let sumEt = get(F.PRI_met_sumet);

  const newTauPt = tauPt * s.tauEnergyScale;
  metX -= (newTauPt - tauPt) * Math.cos(tauPhi);
  metY -= (newTauPt - tauPt) * Math.sin(tauPhi);
  sumEt += newTauPt - tauPt;

  let jetNum = get(F.PRI_jet_num);
  let allPt = get(F.PRI_jet_all_pt);
  if (jetNum >= 1) {
    const jes = s.jetEnergyScale;
    const leadPt = get(F.PRI_jet_leading_pt),
      leadPhi = get(F.PRI_jet_leading_phi);
    metX -= (jes - 1) * leadPt * Math.cos(leadPhi);
    metY -= (jes - 1) * leadPt * Math.sin(leadPhi);
    let subPt = 0;
    if (jetNum >= 2) {
      subPt = get(F.PRI_jet_subleading_pt);
      const subPhi = get(F.PRI_jet_subleading_phi);
      metX -= (jes - 1) * subPt * Math.cos(subPhi);
      metY -= (jes - 1) * subPt * Math.sin(subPhi);
    }
    sumEt += (jes - 1) * allPt;
    allPt *= jes;
    // Jets the scale pushes under threshold leave the jet list (and the lower-pT ones with them).
    if (leadPt * jes < JET_PT_MIN) {
      jetNum = 0;
      allPt = 0;
    } else if (jetNum >= 2 && subPt * jes < JET_PT_MIN) {
      jetNum = 1;
      allPt = leadPt * jes;
    }
    const jets = [
      [F.PRI_jet_leading_pt, F.PRI_jet_leading_eta, F.PRI_jet_leading_phi, 1],
      [F.PRI_jet_subleading_pt, F.PRI_jet_subleading_eta, F.PRI_jet_subleading_phi, 2],
    ] as const;
    for (const [ptCol, etaCol, phiCol, need] of jets) {
      if (jetNum >= need) set(ptCol, round3(get(ptCol) * jes));
      else for (const c of [ptCol, etaCol, phiCol]) set(c, MISSING);
    }
  }
  if (s.softMet > 0) {
    metX += rng.normal(0, s.softMet);
    metY += rng.normal(0, s.softMet);
  }
  if (newTauPt < TAU_PT_MIN) return false;
  set(F.PRI_tau_pt, round3(newTauPt));
  // A MET no knob moved keeps its published value: recomputed from the rounded columns, an azimuth of 3.142 (rounded
  // from just under π) would come back as -3.141 and move the derived features of an event the shift never touched.
  if (metX !== metX0 || metY !== metY0) {
    set(F.PRI_met, round3(Math.hypot(metX, metY)));
    set(F.PRI_met_phi, round3(Math.atan2(metY, metX)));
  }
  set(F.PRI_met_sumet, round3(sumEt));
  set(F.PRI_jet_num, jetNum);
  set(F.PRI_jet_all_pt, round3(allPt));
  computeDerived(cols, i, mmc);
  return true;
}

/**
 * Applies the shape knobs to `events` in place, in order, until `limit` events pass the selection again; returns
 * the indices of those that pass (the others are left half-shifted: select the kept ones, e.g. with selectEvents).
 */
export function shiftEvents(events: HiggsEvents, s: Systematics, rng: Random, mmc: MmcParams, limit = events.label.length): number[] {
  const kept: number[] = [];
  for (let i = 0; i < events.label.length && kept.length < limit; i++) if (shiftEvent(events.features, i, s, rng, mmc)) kept.push(i);
  return kept;
}
