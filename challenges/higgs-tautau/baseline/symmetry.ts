/**
 * Removing the HiggsML event's exact symmetries, so a model need not learn them from data: the physics does not
 * change under (1) a rotation about the beam axis, (2) the reflection z → −z and (3) the reflection y → −y.
 * 1. Every φ is measured from the tau's: φ' = wrap(φ − φ_tau) in (−π, π]; PRI_tau_phi (now always 0) is dropped.
 * 2. If η_tau < 0 every η (tau, lepton, both jets) changes sign, so η_tau ≥ 0. Products and differences of η
 *    (DER_prodeta_jet_jet, DER_deltaeta_jet_jet) and every mass and pT are unchanged by it.
 * 3. If the rotated lepton φ' < 0 every rotated φ changes sign, so the lepton lies in [0, π].
 * Missing values (−999) stay missing.
 *
 * Worked example: tau (η −0.5, φ 3.0), lepton (η 1.2, φ −3.0), MET φ 1.0 → lepton φ' = wrap(−6.0) = 0.2832,
 * MET φ' = −2.0, tau η 0.5, lepton η −1.2; lepton φ' ≥ 0 so no φ flip.
 */
import { FEATURE_INDEX, HIGGS_FEATURES, type HiggsEvents, MISSING } from "../schema";

const F = FEATURE_INDEX;
const ETAS = [F.PRI_tau_eta, F.PRI_lep_eta, F.PRI_jet_leading_eta, F.PRI_jet_subleading_eta];
const PHIS = [F.PRI_lep_phi, F.PRI_met_phi, F.PRI_jet_leading_phi, F.PRI_jet_subleading_phi];

function wrap(phi: number): number {
  const twoPi = 2 * Math.PI;
  const r = phi - twoPi * Math.floor((phi + Math.PI) / twoPi);
  return r === -Math.PI ? Math.PI : r;
}

export interface NamedColumns {
  names: string[];
  columns: Float64Array[];
}

/**
 * The 30 features as named columns, symmetrised (29 columns, no PRI_tau_phi) when `symmetrise` is set. `float32`
 * first rounds every value to float32, as a model submission receives test.csv (the model contract).
 */
export function higgsColumns(events: HiggsEvents, symmetrise: boolean, float32 = false): NamedColumns {
  const copy = (c: Float64Array) => (float32 ? Float64Array.from(c, Math.fround) : c.slice());
  if (!symmetrise) return { names: [...HIGGS_FEATURES], columns: float32 ? events.features.map(copy) : events.features };
  const columns = events.features.map(copy);
  const n = events.eventId.length;
  // Read from the copies (rounded or not); row i's tau η is read before row i's flip changes it.
  const tauPhi = columns[F.PRI_tau_phi]!;
  const tauEta = columns[F.PRI_tau_eta]!;
  for (let i = 0; i < n; i++) {
    for (const f of PHIS) {
      const v = columns[f]![i]!;
      if (v !== MISSING) columns[f]![i] = wrap(v - tauPhi[i]!);
    }
    if (tauEta[i]! < 0) {
      for (const f of ETAS) if (columns[f]![i] !== MISSING) columns[f]![i] = -columns[f]![i]!;
    }
    if (columns[F.PRI_lep_phi]![i]! < 0) {
      for (const f of PHIS) if (columns[f]![i] !== MISSING) columns[f]![i] = -columns[f]![i]!;
    }
  }
  const keep = HIGGS_FEATURES.map((_, f) => f).filter((f) => f !== F.PRI_tau_phi);
  return { names: keep.map((f) => HIGGS_FEATURES[f]!), columns: keep.map((f) => columns[f]!) };
}
