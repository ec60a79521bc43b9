/**
 * Detector response and event selection: Gaussian smearing of the lepton, tau
 * and jet momenta, missing transverse energy rebuilt from the neutrinos, the
 * mismeasurement of every visible object and a soft-term resolution growing
 * with the scalar sum of transverse energy, then the acceptance cuts of the
 * HiggsML selection (lepton pT > 26, tau pT > 20, |eta| < 2.5; jets pT > 30,
 * |eta| < 4.5). Accepted events are written as rounded PRI_* columns.
 */
import type { Random } from "../../shared/random";
import { FEATURE_INDEX as F, MISSING } from "../schema";
import { deltaPhi, etaOf, phiOf, ptOf } from "./four-vector";
import { SLOT, type TruthEvent } from "./truth-event";

export interface DetectorParams {
  leptonResolution: number;
  tauResolution: number;
  /** Jet relative resolution: stochastic term / sqrt(pT) (+) constant term. */
  jetStochastic: number;
  jetConstant: number;
  /** MET soft-term resolution per component = metResolution * sqrt(sumET). */
  metResolution: number;
  /** Mean of the soft (underlying event and pile-up) scalar ET, gamma-distributed with shape 2. */
  softSumEtMean: number;
}

const LEPTON_PT_MIN = 26;
const TAU_PT_MIN = 20;
const CENTRAL_ETA = 2.5;
const JET_PT_MIN = 30;
const JET_ETA_MAX = 4.5;
const OVERLAP_DR = 0.4;

/** Rounds like the published CSV files (3 decimals), so derived features use exactly the published primitives. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

const jetPt = new Float64Array(8);
const jetEta = new Float64Array(8);
const jetPhi = new Float64Array(8);

/** Smears and selects one event; returns false (writing nothing useful) when it fails the selection. */
export function reconstruct(
  rng: Random, ev: TruthEvent, det: DetectorParams, cols: Float64Array[], i: number,
): boolean {
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

  // Mismeasured visible momentum enters the MET with the opposite sign.
  let metX = ev.nuX - (tauPt - tauPtTrue) * Math.cos(tauPhi) - (lepPt - lepPtTrue) * Math.cos(lepPhi);
  let metY = ev.nuY - (tauPt - tauPtTrue) * Math.sin(tauPhi) - (lepPt - lepPtTrue) * Math.sin(lepPhi);
  let sumEt = tauPt + lepPt + rng.exponential(det.softSumEtMean / 2) + rng.exponential(det.softSumEtMean / 2);

  let nJets = 0;
  let jetAllPt = 0;
  for (let k = 0; k < ev.nJets; k++) {
    const o = k * 4;
    const trueJetPt = ptOf(ev.jets, o);
    const eta = etaOf(ev.jets, o);
    const phi = phiOf(ev.jets, o);
    const dTau = Math.hypot(eta - tauEta, deltaPhi(phi, tauPhi));
    const dLep = Math.hypot(eta - lepEta, deltaPhi(phi, lepPhi));
    if (dTau < OVERLAP_DR || dLep < OVERLAP_DR || Math.abs(eta) > 4.9) continue;
    const rel = Math.hypot(det.jetStochastic / Math.sqrt(trueJetPt), det.jetConstant);
    const pt = Math.max(0, trueJetPt * (1 + rng.normal(0, rel)));
    metX -= (pt - trueJetPt) * Math.cos(phi);
    metY -= (pt - trueJetPt) * Math.sin(phi);
    sumEt += pt;
    if (pt > JET_PT_MIN && Math.abs(eta) < JET_ETA_MAX && nJets < 8) {
      jetPt[nJets] = pt;
      jetEta[nJets] = eta;
      jetPhi[nJets] = phi;
      jetAllPt += pt;
      nJets++;
    }
  }
  const softSigma = det.metResolution * Math.sqrt(sumEt);
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
