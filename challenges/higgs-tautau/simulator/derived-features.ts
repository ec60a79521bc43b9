/**
 * DER_* features computed from the PRI_* columns of one event, following the
 * definitions of the HiggsML documentation (Adam-Bourdarios et al. 2014,
 * appendix B). Leptons, taus and jets are treated as massless, the only
 * choice the published primitives (pT, eta, phi) allow.
 */
import { FEATURE_INDEX as F, MISSING } from "../schema";
import { round3 } from "./detector";
import { boostedMass, missingMass, mmcScatter, type MmcParams } from "./missing-mass";

function masslessMass(pt1: number, eta1: number, phi1: number, pt2: number, eta2: number, phi2: number): number {
  // m^2 = 2 pT1 pT2 (cosh(d eta) - cos(d phi)) for massless vectors.
  return Math.sqrt(Math.max(0, 2 * pt1 * pt2 * (Math.cosh(eta1 - eta2) - Math.cos(phi1 - phi2))));
}

function wrapPhi(d: number): number {
  return d - 2 * Math.PI * Math.round(d / (2 * Math.PI));
}

/** Fills every DER_* column of event `i` from its PRI_* columns. */
export function computeDerived(cols: Float64Array[], i: number, mmcParams: MmcParams): void {
  const get = (f: number): number => (cols[f] as Float64Array)[i] as number;
  const set = (f: number, v: number): void => {
    (cols[f] as Float64Array)[i] = v;
  };
  const tauPt = get(F.PRI_tau_pt),
    tauEta = get(F.PRI_tau_eta),
    tauPhi = get(F.PRI_tau_phi);
  const lepPt = get(F.PRI_lep_pt),
    lepEta = get(F.PRI_lep_eta),
    lepPhi = get(F.PRI_lep_phi);
  const met = get(F.PRI_met),
    metPhi = get(F.PRI_met_phi);
  const jetNum = get(F.PRI_jet_num);
  const metX = met * Math.cos(metPhi),
    metY = met * Math.sin(metPhi);
  const tx = tauPt * Math.cos(tauPhi),
    ty = tauPt * Math.sin(tauPhi);
  const lx = lepPt * Math.cos(lepPhi),
    ly = lepPt * Math.sin(lepPhi);

  const massVis = masslessMass(tauPt, tauEta, tauPhi, lepPt, lepEta, lepPhi);
  set(F.DER_mass_vis, round3(massVis));
  set(F.DER_mass_transverse_met_lep, round3(Math.sqrt(Math.max(0, 2 * lepPt * met * (1 - Math.cos(lepPhi - metPhi))))));
  set(F.DER_pt_h, round3(Math.hypot(tx + lx + metX, ty + ly + metY)));
  set(F.DER_deltar_tau_lep, round3(Math.hypot(tauEta - lepEta, wrapPhi(tauPhi - lepPhi))));
  set(F.DER_sum_pt, round3(tauPt + lepPt + get(F.PRI_jet_all_pt)));
  set(F.DER_pt_ratio_lep_tau, round3(lepPt / tauPt));

  // Centrality of the MET azimuth between lepton and tau: sqrt(2) on the bisector, -sqrt(2) opposite.
  const side = Math.sign(Math.sin(tauPhi - lepPhi));
  const a = Math.sin(metPhi - lepPhi) * side;
  const b = Math.sin(tauPhi - metPhi) * side;
  const norm = Math.hypot(a, b);
  set(F.DER_met_phi_centrality, norm > 0 ? round3((a + b) / norm) : 0);

  let totX = tx + lx + metX,
    totY = ty + ly + metY;
  if (jetNum >= 1) {
    totX += get(F.PRI_jet_leading_pt) * Math.cos(get(F.PRI_jet_leading_phi));
    totY += get(F.PRI_jet_leading_pt) * Math.sin(get(F.PRI_jet_leading_phi));
  }
  if (jetNum >= 2) {
    const pt1 = get(F.PRI_jet_leading_pt),
      eta1 = get(F.PRI_jet_leading_eta),
      phi1 = get(F.PRI_jet_leading_phi);
    const pt2 = get(F.PRI_jet_subleading_pt),
      eta2 = get(F.PRI_jet_subleading_eta),
      phi2 = get(F.PRI_jet_subleading_phi);
    totX += pt2 * Math.cos(phi2);
    totY += pt2 * Math.sin(phi2);
    const gap = eta1 - eta2;
    set(F.DER_deltaeta_jet_jet, round3(Math.abs(gap)));
    set(F.DER_mass_jet_jet, round3(masslessMass(pt1, eta1, phi1, pt2, eta2, phi2)));
    set(F.DER_prodeta_jet_jet, round3(eta1 * eta2));
    const offset = lepEta - 0.5 * (eta1 + eta2);
    // exp(-4 offset^2 / gap^2); equal jet etas leave the lepton "outside" unless it sits exactly between.
    set(F.DER_lep_eta_centrality, gap !== 0 ? round3(Math.exp((-4 * offset * offset) / (gap * gap))) : offset === 0 ? 1 : 0);
  } else {
    set(F.DER_deltaeta_jet_jet, MISSING);
    set(F.DER_mass_jet_jet, MISSING);
    set(F.DER_prodeta_jet_jet, MISSING);
    set(F.DER_lep_eta_centrality, MISSING);
  }
  set(F.DER_pt_tot, round3(Math.hypot(totX, totY)));
  const collinear = missingMass(tauPt, tauPhi, lepPt, lepPhi, metX, metY, massVis, mmcParams, mmcScatter(lepEta, lepPhi));
  const mmc =
    collinear !== MISSING && Math.hypot(tx + lx, ty + ly) >= mmcParams.boostedPt
      ? boostedMass({ tauPt, tauPhi, lepPt, lepPhi, metX, metY, massVis, sumEt: get(F.PRI_met_sumet) }, mmcParams)
      : collinear;
  set(F.DER_mass_MMC, mmc === MISSING ? MISSING : round3(mmc));
}
