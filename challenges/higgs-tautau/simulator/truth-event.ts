/**
 * Scratch record of one generated event at particle ("truth") level, reused for
 * every event so the generator allocates nothing per event. Processes fill the
 * visible lepton, the visible hadronic tau, the neutrino sum and the jets.
 */
import type { Random } from "../../shared/random";
import { PX, PY, ptOf, setPtEtaPhiM } from "./four-vector";

/** Jets beyond this many at particle level are dropped (only 3+ is ever distinguished). */
export const MAX_JETS = 8;

/** Offsets of named four-vectors in `TruthEvent.p4`. */
export const SLOT = {
  boson: 0,
  tau1: 4,
  tau2: 8,
  lep: 12,
  tauVis: 16,
  inv1: 20,
  inv2: 24,
  w1: 28,
  w2: 32,
  top1: 36,
  top2: 40,
  b1: 44,
  b2: 48,
  tmp1: 52,
  tmp2: 56,
  system: 60,
} as const;

export class TruthEvent {
  readonly p4 = new Float64Array(64);
  /** Jets as consecutive (px, py, pz, E). */
  readonly jets = new Float64Array(MAX_JETS * 4);
  nJets = 0;
  /** Transverse momentum of all neutrinos. */
  nuX = 0;
  nuY = 0;
  /** Sum of jet transverse momenta so far: the hadronic recoil a boson balances. */
  recoilX = 0;
  recoilY = 0;

  reset(): void {
    this.nJets = 0;
    this.nuX = 0;
    this.nuY = 0;
    this.recoilX = 0;
    this.recoilY = 0;
  }

  addInvisible(slot: number): void {
    this.nuX += this.p4[slot + PX] as number;
    this.nuY += this.p4[slot + PY] as number;
  }

  /** Appends the four-vector at `slot` of p4 as a jet and counts it in the recoil. */
  addJetFromSlot(slot: number): void {
    if (this.nJets >= MAX_JETS) return;
    const o = this.nJets * 4;
    for (let k = 0; k < 4; k++) this.jets[o + k] = this.p4[slot + k] as number;
    this.nJets++;
    this.recoilX += this.p4[slot + PX] as number;
    this.recoilY += this.p4[slot + PY] as number;
  }

  addJet(pt: number, eta: number, phi: number): void {
    if (this.nJets >= MAX_JETS) return;
    setPtEtaPhiM(this.jets, this.nJets * 4, pt, eta, phi, 0);
    this.nJets++;
    this.recoilX += pt * Math.cos(phi);
    this.recoilY += pt * Math.sin(phi);
  }

  /** Removes jet `k` (keeping the order of the others), e.g. when it is reconstructed as a tau. */
  removeJet(k: number): void {
    for (let i = k * 4; i < (this.nJets - 1) * 4; i++) this.jets[i] = this.jets[i + 4] as number;
    this.nJets--;
  }

  /** Index of the highest-pT jet, or -1. */
  leadingJet(): number {
    let best = -1;
    let bestPt = -1;
    for (let k = 0; k < this.nJets; k++) {
      const pt = ptOf(this.jets, k * 4);
      if (pt > bestPt) {
        bestPt = pt;
        best = k;
      }
    }
    return best;
  }
}

/**
 * Transverse momentum above `ptMin` with density ~ (1 + (pT - ptMin) / scale)^-power (a Pareto of type II, by
 * inverse transform). scale = ptMin is the pure power law pT^-power; a larger scale with a steeper power keeps the
 * bulk near threshold and softens the tail, as a real jet spectrum steepens with pT. The calibration fit chooses:
 * so far it keeps scales near ptMin, and the leading-jet pT's 95th percentile stays near 380 GeV against 200 real.
 */
export function powerLawPt(rng: Random, ptMin: number, power: number, scale: number): number {
  return ptMin + scale * (Math.pow(1 - rng.uniform(), -1 / (power - 1)) - 1);
}
