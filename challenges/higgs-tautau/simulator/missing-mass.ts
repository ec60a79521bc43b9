/**
 * Stand-in for DER_mass_MMC (the ATLAS Missing Mass Calculator, a likelihood
 * scan over neutrino configurations, is far too slow for 800k events per 30 s).
 *
 * Collinear approximation: each tau's neutrinos fly along its visible products,
 * so MET = a_tau * pT(tau) + a_lep * pT(lep); solving the 2x2 system gives the
 * visible momentum fractions x = 1 / (1 + a) and m = m_vis / sqrt(x_tau x_lep).
 * When the taus are nearly back to back the system is singular; then only the
 * MET component along each visible direction is credited to it (projection
 * fallback). The estimate is undefined (-999) when the MET points clearly
 * against the visible taus (a strongly negative solution), which, like the real
 * MMC, happens mostly for W + jets and tt backgrounds.
 */
import { MISSING } from "../schema";

/** Below this |sin(dphi)| the collinear system is treated as singular. */
const SINGULAR_SIN = 0.3;
/** A neutrino-to-visible ratio below this is inconsistent with tau decays: no estimate. */
const FAIL_RATIO = -0.7;
/** Ratios are capped so that near-singular configurations stay in the real range. */
const MAX_RATIO = 6;

export function missingMass(
  tauPt: number, tauPhi: number, lepPt: number, lepPhi: number,
  metX: number, metY: number, massVis: number,
): number {
  const tx = tauPt * Math.cos(tauPhi), ty = tauPt * Math.sin(tauPhi);
  const lx = lepPt * Math.cos(lepPhi), ly = lepPt * Math.sin(lepPhi);
  const det = tx * ly - ty * lx;
  let aTau: number;
  let aLep: number;
  if (Math.abs(det) > SINGULAR_SIN * tauPt * lepPt) {
    aTau = (metX * ly - metY * lx) / det;
    aLep = (tx * metY - ty * metX) / det;
    if (aTau < FAIL_RATIO || aLep < FAIL_RATIO) return MISSING;
  } else {
    aTau = (metX * tx + metY * ty) / (tauPt * tauPt);
    aLep = (metX * lx + metY * ly) / (lepPt * lepPt);
  }
  aTau = Math.min(MAX_RATIO, Math.max(0, aTau));
  aLep = Math.min(MAX_RATIO, Math.max(0, aLep));
  return massVis * Math.sqrt((1 + aTau) * (1 + aLep));
}
