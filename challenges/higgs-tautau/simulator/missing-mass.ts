/**
 * Stand-in for DER_mass_MMC (the ATLAS Missing Mass Calculator, a likelihood
 * scan over neutrino configurations, is far too slow for 800k events per 30 s).
 *
 * Collinear approximation: each tau's neutrinos fly along its visible products,
 * so MET = a_tau * pT(tau) + a_lep * pT(lep); solving the 2x2 system gives the
 * visible momentum fractions x = 1 / (1 + a) and m = m_vis / sqrt(x_tau x_lep).
 * When the taus are nearly back to back the system is singular; then only the
 * MET component along each visible direction is credited to it (projection
 * fallback). The estimate is undefined (-999) when the MET lies outside the
 * azimuthal wedge of the two visible taus by more than failMet GeV (its
 * component perpendicular to the nearer edge): a neutrino configuration the MET
 * resolution cannot explain. Like the real MMC, that never happens at low MET
 * or low transverse mass, mostly for W + jets and tt backgrounds. The real MMC's
 * likelihood pulls estimates toward the resonance, narrowing the collinear
 * mass's spread: hence a linear calibration, scale * m + offset.
 *
 * Above a visible di-tau pT of boostedPt the estimate is a small likelihood
 * scan instead (boostedMass): the real MMC's regime, where the neutrinos are
 * hard next to the MET resolution and the real estimate is as narrow as the
 * kinematics allow (real signal with pT_h > 120 GeV: q10 / q50 / q90 103 /
 * 124 / 143 GeV), while the capped collinear solution spread it from 91 to
 * 151 and let Z -> tau tau leak into the Higgs window; models trained on the
 * simulation then ranked real boosted events worse.
 */
import { MISSING } from "../schema";

/** Below this |sin(dphi)| the collinear system is treated as singular. */
const SINGULAR_SIN = 0.3;

export interface MmcParams {
  /** Linear calibration scale * m + offset (GeV), so the Higgs and Z peaks sit where the real MMC puts them. */
  scale: number;
  offset: number;
  /** MET (GeV) pointing against the visible taus beyond which there is no estimate. */
  failMet: number;
  /** Cap on each neutrino-to-visible momentum ratio, so near-singular configurations stay in the real range. */
  maxRatio: number;
  /**
   * Soft floors of the neutrino-to-visible ratios of the leptonic and hadronic tau (ratio -> hypot(ratio, floor)).
   * A leptonic tau always loses two neutrinos and a hadronic one at least one, and the real MMC's likelihood knows
   * it: its mass never falls to the visible mass, where the bare collinear solution does whenever the MET points
   * along one tau.
   */
  lepFloor: number;
  tauFloor: number;
  /** Relative scatter of the estimate (log-normal sigma): the real MMC's scan is not the collinear solution. */
  resolution: number;
  /** Visible di-tau pT (GeV) from which boostedMass gives the estimate; the -999 decision stays the collinear one's. */
  boostedPt: number;
  /** boostedMass's MET resolution per component, boostedMetResolution * sqrt(PRI_met_sumet). */
  boostedMetResolution: number;
  /** boostedMass's linear calibration, boostedScale * m + boostedOffset (GeV). */
  boostedScale: number;
  boostedOffset: number;
}

/** Grid of visible momentum fractions x = p_vis / p_tau scanned by boostedMass (mid-points of GRID equal bins). */
const GRID = 12;
const FRACTIONS = Float64Array.from({ length: GRID }, (_, i) => (i + 0.5) / GRID);
/** Neutrino-to-visible momentum ratio (1 - x) / x per grid point. */
const RATIOS = FRACTIONS.map((x) => 1 / x - 1);
/** Spectrum of the leptonic decay's visible fraction in the collinear limit (unpolarised, massless lepton). */
const LEPTON_PRIOR = FRACTIONS.map((x) => 5 / 3 - 3 * x * x + (4 / 3) * x * x * x);
/** log(m / m_vis) = -log(x_tau x_lep) / 2 per grid point (tau index major). */
const LOG_MASS_RATIO = Float64Array.from({ length: GRID * GRID }, (_, k) => {
  const xTau = FRACTIONS[Math.floor(k / GRID)] as number;
  const xLep = FRACTIONS[k % GRID] as number;
  return -0.5 * Math.log(xTau * xLep);
});

const EXPONENTS = new Float64Array(GRID * GRID);

/** The published quantities boostedMass reads (GeV, radians): the visible taus, the MET vector and PRI_met_sumet. */
export interface BoostedMassInput {
  tauPt: number;
  tauPhi: number;
  lepPt: number;
  lepPhi: number;
  metX: number;
  metY: number;
  massVis: number;
  sumEt: number;
}

/**
 * Likelihood estimate of the di-tau mass: each pair of visible fractions on the grid predicts the MET (neutrinos along
 * their visible taus) and is weighted by a Gaussian MET likelihood of resolution boostedMetResolution * sqrt(sumEt),
 * times the leptonic decay's fraction spectrum (the hadronic one taken flat); the estimate is the weighted geometric
 * mean of m_vis / sqrt(x_tau x_lep), calibrated linearly.
 */
export function boostedMass(event: BoostedMassInput, mmc: MmcParams): number {
  const { tauPt, tauPhi, lepPt, lepPhi, metX, metY, massVis, sumEt } = event;
  const tx = tauPt * Math.cos(tauPhi),
    ty = tauPt * Math.sin(tauPhi);
  const lx = lepPt * Math.cos(lepPhi),
    ly = lepPt * Math.sin(lepPhi);
  const inverseVariance = 1 / (2 * mmc.boostedMetResolution * mmc.boostedMetResolution * Math.max(sumEt, 1));
  // Exponents first, so the weights can be taken relative to the best grid point: a MET far from every prediction
  // would otherwise underflow them all.
  let best = Infinity;
  for (let i = 0; i < GRID; i++) {
    const rTau = RATIOS[i] as number;
    for (let j = 0; j < GRID; j++) {
      const rLep = RATIOS[j] as number;
      const dx = metX - rTau * tx - rLep * lx;
      const dy = metY - rTau * ty - rLep * ly;
      const e = (dx * dx + dy * dy) * inverseVariance;
      EXPONENTS[i * GRID + j] = e;
      if (e < best) best = e;
    }
  }
  let weightSum = 0;
  let logSum = 0;
  for (let k = 0; k < GRID * GRID; k++) {
    const w = Math.exp(best - (EXPONENTS[k] as number)) * (LEPTON_PRIOR[k % GRID] as number);
    weightSum += w;
    logSum += w * (LOG_MASS_RATIO[k] as number);
  }
  const logRatio = logSum / weightSum;
  return mmc.boostedScale * massVis * Math.exp(logRatio) + mmc.boostedOffset;
}

/** 32-bit integer mix (lowbias32): spreads nearby inputs over the whole range. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Standard-normal scatter of one event's estimate, a function of the lepton's published direction: reproducible,
 * and unchanged by the tau, jet and MET systematic shifts (which never move the lepton), so a shifted event keeps
 * the scatter it had at nominal.
 */
export function mmcScatter(lepEta: number, lepPhi: number): number {
  const h = mix(Math.round(lepEta * 1000) * 7919 + Math.round(lepPhi * 1000));
  const u1 = (h + 0.5) / 4294967296;
  const u2 = (mix(h ^ 0x9e3779b9) + 0.5) / 4294967296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** MET component (GeV) beyond the nearer edge of the smaller arc between the two visible directions; 0 inside. */
function outsideWedge(tauPhi: number, lepPhi: number, metX: number, metY: number): number {
  const met = Math.hypot(metX, metY);
  const metPhi = Math.atan2(metY, metX);
  const span = wrap(tauPhi - lepPhi); // signed arc from the lepton to the tau
  const pos = wrap(metPhi - lepPhi);
  const inside = span >= 0 ? pos >= 0 && pos <= span : pos <= 0 && pos >= span;
  if (inside) return 0;
  const distance = Math.min(Math.abs(pos), Math.abs(wrap(metPhi - tauPhi)));
  return distance >= Math.PI / 2 ? met : met * Math.sin(distance);
}

function wrap(d: number): number {
  return d - 2 * Math.PI * Math.round(d / (2 * Math.PI));
}

export function missingMass(
  tauPt: number,
  tauPhi: number,
  lepPt: number,
  lepPhi: number,
  metX: number,
  metY: number,
  massVis: number,
  mmc: MmcParams,
  scatter = 0,
): number {
  const tx = tauPt * Math.cos(tauPhi),
    ty = tauPt * Math.sin(tauPhi);
  const lx = lepPt * Math.cos(lepPhi),
    ly = lepPt * Math.sin(lepPhi);
  const det = tx * ly - ty * lx;
  let aTau: number;
  let aLep: number;
  if (Math.abs(det) > SINGULAR_SIN * tauPt * lepPt) {
    aTau = (metX * ly - metY * lx) / det;
    aLep = (tx * metY - ty * metX) / det;
    if (outsideWedge(tauPhi, lepPhi, metX, metY) > mmc.failMet) return MISSING;
    // Outside the wedge one ratio is negative: the non-negative least-squares solution credits the MET's
    // projection to the other tau alone.
    if (aTau < 0) {
      aTau = 0;
      aLep = (metX * lx + metY * ly) / (lepPt * lepPt);
    } else if (aLep < 0) {
      aLep = 0;
      aTau = (metX * tx + metY * ty) / (tauPt * tauPt);
    }
  } else {
    // Nearly back to back: the MET along the tau axis goes to the tau it points along; the component across the
    // axis, which no collinear solution explains, is shared by both in proportion (the real MMC's likelihood
    // lets neutrinos leave the visible directions).
    const across = Math.abs(metX * ty - metY * tx) / tauPt;
    aTau = (metX * tx + metY * ty) / (tauPt * tauPt) + across / (tauPt + lepPt);
    aLep = (metX * lx + metY * ly) / (lepPt * lepPt) + across / (tauPt + lepPt);
  }
  aTau = Math.hypot(Math.min(mmc.maxRatio, Math.max(0, aTau)), mmc.tauFloor);
  aLep = Math.hypot(Math.min(mmc.maxRatio, Math.max(0, aLep)), mmc.lepFloor);
  return (mmc.scale * massVis * Math.sqrt((1 + aTau) * (1 + aLep)) + mmc.offset) * Math.exp(mmc.resolution * scatter);
}
