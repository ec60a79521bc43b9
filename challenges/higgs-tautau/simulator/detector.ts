/**
 * Detector response and event selection: Gaussian smearing of the lepton, tau
 * and jet momenta; missing transverse energy built, as ATLAS builds it, from
 * what is measured: the neutrinos, plus every visible object's mismeasurement,
 * plus the part of the soft recoil (jets under threshold and the unresolved
 * recoil that balances the hard system) that the soft term fails to measure,
 * plus a pile-up resolution term growing with the scalar sum of transverse
 * energy. The unmeasured recoil is what pushes the real MET outside the
 * lepton-tau wedge in 0-jet events while DER_pt_tot stays small. Then the
 * acceptance cuts of the HiggsML selection (lepton pT > 26, tau pT > 20,
 * |eta| < 2.5; jets pT > 30, |eta| < 4.5). Accepted events are written as
 * rounded PRI_* columns.
 */
import type { Random } from "../../shared/random";
import { FEATURE_INDEX as F, MISSING } from "../schema";
import { deltaPhi, etaOf, phiOf, PX, PY, ptOf } from "./four-vector";
import { SLOT, type TruthEvent } from "./truth-event";

export interface DetectorParams {
  leptonResolution: number;
  tauResolution: number;
  /** Jet relative resolution: stochastic term / sqrt(pT) (+) constant term. */
  jetStochastic: number;
  jetConstant: number;
  /** MET soft-term resolution per component = metResolution * sqrt(sumET). */
  metResolution: number;
  /** Mean of the soft (underlying event and pile-up) scalar ET, log-normal with spread softSumEtSpread. */
  softSumEtMean: number;
  /** Log-normal sigma of the soft scalar ET: pile-up varies from event to event, so the real soft term is broad. */
  softSumEtSpread: number;
  /**
   * Share of the lepton's pT that enters the scalar sum, averaged over electrons (all of it) and muons (which leave
   * a few GeV in the calorimeter): why in real events PRI_met_sumet is often below DER_sum_pt.
   */
  sumEtResponse: number;
  /** Fraction of the soft recoil's momentum the MET soft term measures (the rest shows up as fake MET). */
  softResponse: number;
  /**
   * Log-normal sigma of the event's MET resolution around metResolution * sqrt(sumET): pile-up and the soft term's
   * make-up change from event to event, so the real resolution is a mixture, with more events near zero DER_pt_tot and a
   * longer tail than one Gaussian gives. 0: the same resolution for every event of a given sumET.
   */
  metResolutionSpread: number;
}

const LEPTON_PT_MIN = 26;
const TAU_PT_MIN = 20;
const CENTRAL_ETA = 2.5;
const JET_PT_MIN = 30;
const JET_ETA_MAX = 4.5;
const OVERLAP_DR = 0.4;
/** Jets above this pT enter the MET at full calibration, listed or not. */
const MET_JET_PT_MIN = 20;

/** Rounds like the published CSV files (3 decimals), so derived features use exactly the published primitives. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

const jetPt = new Float64Array(8);
const jetEta = new Float64Array(8);
const jetPhi = new Float64Array(8);

/** Smears and selects one event; returns false (writing nothing useful) when it fails the selection. */
export function reconstruct(rng: Random, ev: TruthEvent, det: DetectorParams, cols: Float64Array[], i: number): boolean {
  const p = ev.p4;
  const tauPtTrue = ptOf(p, SLOT.tauVis);
  const tauPt = tauPtTrue * (1 + rng.normal(0, det.tauResolution));
  const tauEta = etaOf(p, SLOT.tauVis);
  if (tauPt < TAU_PT_MIN || Math.abs(tauEta) > CENTRAL_ETA) return false;
  const lepPtTrue = ptOf(p, SLOT.lep);
  const lepPt = lepPtTrue * (1 + rng.normal(0, det.leptonResolution));
  const lepEta = etaOf(p, SLOT.lep);
  if (lepPt < LEPTON_PT_MIN || Math.abs(lepEta) > CENTRAL_ETA) return false;
  const tauPhi = phiOf(p, SLOT.tauVis);
  const lepPhi = phiOf(p, SLOT.lep);

  // Soft recoil at particle level: whatever balances the generated objects.
  let softX = -(ev.nuX + (p[SLOT.tauVis + PX] as number) + (p[SLOT.lep + PX] as number));
  let softY = -(ev.nuY + (p[SLOT.tauVis + PY] as number) + (p[SLOT.lep + PY] as number));
  for (let k = 0; k < ev.nJets; k++) {
    softX -= ev.jets[k * 4 + PX] as number;
    softY -= ev.jets[k * 4 + PY] as number;
  }
  const lost = 1 - det.softResponse;
  // Mismeasured or unmeasured momentum enters the MET with the opposite sign.
  let metX = ev.nuX - (tauPt - tauPtTrue) * Math.cos(tauPhi) - (lepPt - lepPtTrue) * Math.cos(lepPhi) + lost * softX;
  let metY = ev.nuY - (tauPt - tauPtTrue) * Math.sin(tauPhi) - (lepPt - lepPtTrue) * Math.sin(lepPhi) + lost * softY;
  const spread = det.softSumEtSpread;
  let sumEt =
    tauPt +
    det.sumEtResponse * lepPt +
    det.softResponse * Math.hypot(softX, softY) +
    det.softSumEtMean * Math.exp(spread * rng.normal() - 0.5 * spread * spread);

  let nJets = 0;
  let jetAllPt = 0;
  for (let k = 0; k < ev.nJets; k++) {
    const o = k * 4;
    const trueJetPt = ptOf(ev.jets, o);
    const eta = etaOf(ev.jets, o);
    const phi = phiOf(ev.jets, o);
    const dTau = Math.hypot(eta - tauEta, deltaPhi(phi, tauPhi));
    const dLep = Math.hypot(eta - lepEta, deltaPhi(phi, lepPhi));
    if (dTau < OVERLAP_DR || dLep < OVERLAP_DR) continue;
    const rel = Math.hypot(det.jetStochastic / Math.sqrt(trueJetPt), det.jetConstant);
    const pt = Math.max(0, trueJetPt * (1 + rng.normal(0, rel)));
    if (pt > JET_PT_MIN && Math.abs(eta) < JET_ETA_MAX && nJets < 8) {
      metX -= (pt - trueJetPt) * Math.cos(phi);
      metY -= (pt - trueJetPt) * Math.sin(phi);
      sumEt += pt;
      jetPt[nJets] = pt;
      jetEta[nJets] = eta;
      jetPhi[nJets] = phi;
      jetAllPt += pt;
      nJets++;
    } else {
      // Under the 30 GeV threshold but calibrated (above 20 GeV), MET counts it in full (it
      // shows in DER_pt_tot); softer jets only the soft term sees, partly; beyond |eta| 4.9 nothing does.
      const seen = Math.abs(eta) >= 4.9 ? 0 : pt > MET_JET_PT_MIN ? pt : det.softResponse * pt;
      metX += (trueJetPt - seen) * Math.cos(phi);
      metY += (trueJetPt - seen) * Math.sin(phi);
      sumEt += seen;
    }
  }
  const tail = det.metResolutionSpread;
  const softSigma = det.metResolution * Math.sqrt(sumEt) * (tail > 0 ? Math.exp(tail * rng.normal() - 0.5 * tail * tail) : 1);
  metX += rng.normal(0, softSigma);
  metY += rng.normal(0, softSigma);

  let lead = -1;
  let sub = -1;
  for (let k = 0; k < nJets; k++) {
    const pt = jetPt[k] as number;
    if (lead < 0 || pt > (jetPt[lead] as number)) {
      sub = lead;
      lead = k;
    } else if (sub < 0 || pt > (jetPt[sub] as number)) {
      sub = k;
    }
  }

  const set = (f: number, v: number): void => {
    (cols[f] as Float64Array)[i] = v;
  };
  set(F.PRI_tau_pt, round3(tauPt));
  set(F.PRI_tau_eta, round3(tauEta));
  set(F.PRI_tau_phi, round3(tauPhi));
  set(F.PRI_lep_pt, round3(lepPt));
  set(F.PRI_lep_eta, round3(lepEta));
  set(F.PRI_lep_phi, round3(lepPhi));
  set(F.PRI_met, round3(Math.hypot(metX, metY)));
  set(F.PRI_met_phi, round3(Math.atan2(metY, metX)));
  set(F.PRI_met_sumet, round3(sumEt));
  set(F.PRI_jet_num, Math.min(nJets, 3));
  set(F.PRI_jet_all_pt, round3(jetAllPt));
  set(F.PRI_jet_leading_pt, lead >= 0 ? round3(jetPt[lead] as number) : MISSING);
  set(F.PRI_jet_leading_eta, lead >= 0 ? round3(jetEta[lead] as number) : MISSING);
  set(F.PRI_jet_leading_phi, lead >= 0 ? round3(jetPhi[lead] as number) : MISSING);
  set(F.PRI_jet_subleading_pt, sub >= 0 ? round3(jetPt[sub] as number) : MISSING);
  set(F.PRI_jet_subleading_eta, sub >= 0 ? round3(jetEta[sub] as number) : MISSING);
  set(F.PRI_jet_subleading_phi, sub >= 0 ? round3(jetPhi[sub] as number) : MISSING);
  return true;
}
