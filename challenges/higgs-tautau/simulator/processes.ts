/**
 * Hard processes at particle level. Every generator fills a TruthEvent with one
 * visible lepton (e or mu), one visible hadronic tau (real or a jet faking it),
 * the neutrinos and the jets. Bosons recoil against the jets they are produced
 * with, so their transverse-momentum spectrum and the jet multiplicity come
 * out correlated, as in real production.
 */
import type { Random } from "../../shared/random";
import { massOf, ptOf, scale, setPtYM, twoBodyDecay } from "./four-vector";
import { breitWigner, decayHadronic, decayLeptonic, TAU_MASS } from "./tau-decay";
import { powerLawPt, SLOT, type TruthEvent } from "./truth-event";

const HIGGS_MASS = 125;
const Z_MASS = 91.1876;
const Z_WIDTH = 2.4952;
const W_MASS = 80.379;
const W_WIDTH = 2.085;
const TOP_MASS = 172.5;
const B_MASS = 4.8;

/** Initial-state radiation: jet multiplicity probabilities and spectrum. */
export interface Radiation {
  /** P(n emissions) for n = 0, 1, 2, ... */
  multiplicity: readonly number[];
  ptMin: number;
  power: number;
  /** Scale of the spectrum's turnover (GeV): see powerLawPt. */
  ptScale: number;
  etaSigma: number;
}

function radiate(rng: Random, ev: TruthEvent, rad: Radiation, atLeast = 0): void {
  let n = rng.choiceIndex(rad.multiplicity);
  if (n < atLeast) n = atLeast;
  for (let k = 0; k < n; k++) {
    ev.addJet(powerLawPt(rng, rad.ptMin, rad.power, rad.ptScale), rng.normal(0, rad.etaSigma), rng.between(-Math.PI, Math.PI));
  }
}

/** Places a particle of mass m at `slot` balancing the current jet recoil plus an intrinsic kT. */
function balanceRecoil(rng: Random, ev: TruthEvent, slot: number, m: number, ySigma: number, kT: number): void {
  const px = -ev.recoilX + rng.normal(0, kT);
  const py = -ev.recoilY + rng.normal(0, kT);
  setPtYM(ev.p4, slot, px, py, rng.normal(0, ySigma), m);
}

/** boson -> tau tau, one tau leptonic (lepton -> SLOT.lep), the other hadronic (-> SLOT.tauVis). */
function decayDitau(rng: Random, ev: TruthEvent): void {
  const p = ev.p4;
  twoBodyDecay(rng, p, SLOT.boson, TAU_MASS, TAU_MASS, SLOT.tau1, SLOT.tau2);
  // Which tau decays leptonically is random; the boson decay is symmetric.
  const lepTau = rng.uniform() < 0.5 ? SLOT.tau1 : SLOT.tau2;
  const hadTau = lepTau === SLOT.tau1 ? SLOT.tau2 : SLOT.tau1;
  decayLeptonic(rng, p, lepTau, SLOT.lep, SLOT.inv1);
  decayHadronic(rng, p, hadTau, SLOT.tauVis, SLOT.inv2);
  ev.addInvisible(SLOT.inv1);
  ev.addInvisible(SLOT.inv2);
}

export interface ProcessParams {
  radiation: Radiation;
  ySigma: number;
  kT: number;
}

/** Gluon-fusion Higgs: boson + ISR jets, decaying to tau tau. */
export function generateGgh(rng: Random, ev: TruthEvent, params: ProcessParams): void {
  radiate(rng, ev, params.radiation);
  balanceRecoil(rng, ev, SLOT.boson, HIGGS_MASS, params.ySigma, params.kT);
  decayDitau(rng, ev);
}

export interface DrellYanParams extends ProcessParams {
  /**
   * Share of the generated Z/γ* → ττ events drawn from the continuum above the Z pole (γ* exchange and its
   * interference with the Z) rather than from the Z Breit–Wigner. With the Breit–Wigner alone the background had too
   * few di-τ pairs at 120–200 GeV that look like Z → ττ (low mT, lepton and tau back to back), so a classifier trained
   * on the simulation took such real background events for the Higgs.
   */
  continuumFraction: number;
  /** The continuum's mass spectrum: dσ/dm ∝ m^-continuumPower on [CONTINUUM_MIN, CONTINUUM_MAX] GeV. */
  continuumPower: number;
}

const CONTINUUM_MIN = 100;
const CONTINUUM_MAX = 400;

/** Mass of the Z/γ* (GeV): the Z Breit–Wigner, or with probability continuumFraction the continuum's power law. */
export function drellYanMass(rng: Random, params: DrellYanParams): number {
  if (rng.uniform() >= params.continuumFraction) return breitWigner(rng, Z_MASS, Z_WIDTH, 60, 250);
  // Inverse transform of the power law truncated to [lo, hi] (power > 1).
  const a = 1 - params.continuumPower;
  const lo = CONTINUUM_MIN ** a;
  return (lo - rng.uniform() * (lo - CONTINUUM_MAX ** a)) ** (1 / a);
}

/** Drell–Yan Z/γ* + ISR jets, decaying to tau tau. */
export function generateDrellYan(rng: Random, ev: TruthEvent, params: DrellYanParams): void {
  radiate(rng, ev, params.radiation);
  balanceRecoil(rng, ev, SLOT.boson, drellYanMass(rng, params), params.ySigma, params.kT);
  decayDitau(rng, ev);
}

export interface VbfParams extends ProcessParams {
  tagPtMin: number;
  tagPower: number;
  tagPtScale: number;
  /** Mean and spread of the rapidity gap between the two tagging jets. */
  gapMean: number;
  gapSigma: number;
  /**
   * Spread of the Higgs's rapidity around the tagging jets' midpoint. It sets how central the tau decay products sit
   * between the jets (DER_lep_eta_centrality).
   */
  centralSigma: number;
  /**
   * Spread (radians) of the second tagging jet's azimuth around back-to-back with the first. The Higgs balances the
   * tagging jets' vector sum, so the spread sets how often they cancel and leave a slow Higgs.
   */
  tagPhiSigma: number;
}

/** Vector-boson fusion: two forward tagging jets with a large rapidity gap, Higgs in between. */
export function generateVbf(rng: Random, ev: TruthEvent, params: VbfParams): void {
  const centre = rng.normal(0, params.ySigma);
  const gap = Math.abs(rng.normal(params.gapMean, params.gapSigma));
  const phi = rng.between(-Math.PI, Math.PI);
  ev.addJet(powerLawPt(rng, params.tagPtMin, params.tagPower, params.tagPtScale), centre + 0.5 * gap, phi);
  ev.addJet(
    powerLawPt(rng, params.tagPtMin, params.tagPower, params.tagPtScale),
    centre - 0.5 * gap,
    phi + Math.PI + rng.normal(0, params.tagPhiSigma),
  );
  radiate(rng, ev, params.radiation);
  const px = -ev.recoilX + rng.normal(0, params.kT);
  const py = -ev.recoilY + rng.normal(0, params.kT);
  setPtYM(ev.p4, SLOT.boson, px, py, centre + rng.normal(0, params.centralSigma), HIGGS_MASS);
  decayDitau(rng, ev);
}

export interface VhParams extends ProcessParams {
  /** Mean of the exponential excess of the VH mass over threshold. */
  massExcess: number;
  /**
   * Share of selected VH events whose W or Z gives no jets: Z -> nu nu, and W -> l nu or tau nu where that lepton is
   * lost or is the one selected. Real VH (told apart by its weight in the real sample) has 23% of its events without a
   * jet, which a V always decaying to quarks cannot give.
   */
  invisibleFraction: number;
}

/** Associated production: H + (W or Z -> q q, or -> neutrinos as seen here), the quarks giving two jets. */
export function generateVh(rng: Random, ev: TruthEvent, params: VhParams): void {
  const p = ev.p4;
  const isW = rng.uniform() < 0.64;
  const mV = isW ? breitWigner(rng, W_MASS, W_WIDTH, 60, 100) : breitWigner(rng, Z_MASS, Z_WIDTH, 70, 110);
  const mSystem = HIGGS_MASS + mV + rng.exponential(params.massExcess);
  radiate(rng, ev, params.radiation);
  balanceRecoil(rng, ev, SLOT.system, mSystem, params.ySigma, params.kT);
  twoBodyDecay(rng, p, SLOT.system, HIGGS_MASS, mV, SLOT.boson, SLOT.w1);
  twoBodyDecay(rng, p, SLOT.w1, 0, 0, SLOT.tmp1, SLOT.tmp2);
  if (rng.uniform() < params.invisibleFraction) {
    ev.addInvisible(SLOT.tmp1);
    ev.addInvisible(SLOT.tmp2);
  } else {
    ev.addJetFromSlot(SLOT.tmp1);
    ev.addJetFromSlot(SLOT.tmp2);
  }
  decayDitau(rng, ev);
}

export interface FakeTauParams {
  /** The fake tau carries a fraction in [zMin, 1] of its jet's momentum. */
  zMin: number;
}

/** A jet reconstructed as a hadronic tau: takes the leading jet (or the jet `k`) and shrinks it. */
function fakeTauFromJet(rng: Random, ev: TruthEvent, k: number, fake: FakeTauParams): void {
  const p = ev.p4;
  const o = k * 4;
  for (let c = 0; c < 4; c++) p[SLOT.tauVis + c] = ev.jets[o + c] as number;
  scale(p, SLOT.tauVis, rng.between(fake.zMin, 1));
  ev.removeJet(k);
}

export interface WjetsParams extends ProcessParams, FakeTauParams {
  /**
   * The jet -> tau fake rate falls with the jet's pT (a narrow, low-multiplicity core gets rarer as jets get harder):
   * a candidate jet of pT p fakes the tau with relative probability min(1, (FAKE_PT_REF / p)^fakePower). 0: flat.
   */
  fakePower: number;
}

/** pT (GeV) below which a jet's chance to fake the tau is taken as flat (about the tau threshold). */
const FAKE_PT_REF = 20;

/** W -> l nu + jets, one jet faking the hadronic tau. */
export function generateWjets(rng: Random, ev: TruthEvent, params: WjetsParams): void {
  let k: number;
  // Events whose chosen jet does not fake the tau are drawn again, so the selected W+jets events carry the falling
  // fake rate: softer fake taus and, since the W recoils against that jet, a softer W (lepton pT, MET, mT).
  do {
    ev.reset();
    drawWjets(rng, ev, params);
    k = Math.floor(rng.uniform() * ev.nJets);
  } while (params.fakePower > 0 && rng.uniform() > Math.min(1, (FAKE_PT_REF / ptOf(ev.jets, k * 4)) ** params.fakePower));
  fakeTauFromJet(rng, ev, k, params);
}

function drawWjets(rng: Random, ev: TruthEvent, params: WjetsParams): void {
  const p = ev.p4;
  let n = rng.choiceIndex(params.radiation.multiplicity);
  if (n < 1) n = 1;
  let etaSum = 0;
  for (let k = 0; k < n; k++) {
    const r = params.radiation;
    const eta = rng.normal(0, r.etaSigma);
    etaSum += eta;
    ev.addJet(powerLawPt(rng, r.ptMin, r.power, r.ptScale), eta, rng.between(-Math.PI, Math.PI));
  }
  // The W and the partons it recoils against share the boost of their parton collision, so the W's rapidity
  // (ySigma is its spread around the jets') follows theirs; drawn apart, the lepton and the jet faking the tau sat too
  // far apart in rapidity and the 0-jet W+jets visible mass came out too high.
  const px = -ev.recoilX + rng.normal(0, params.kT);
  const py = -ev.recoilY + rng.normal(0, params.kT);
  setPtYM(p, SLOT.boson, px, py, etaSum / n + rng.normal(0, params.ySigma), breitWigner(rng, W_MASS, W_WIDTH, 50, 150));
  twoBodyDecay(rng, p, SLOT.boson, 0, 0, SLOT.lep, SLOT.inv1);
  ev.addInvisible(SLOT.inv1);
}

export interface TtbarParams extends ProcessParams, FakeTauParams {
  massExcess: number;
  /** Probability that the second W gives a real tau (W -> tau nu) rather than a fake from W -> q q. */
  realTauFraction: number;
}

/**
 * Polar angle of the top in the t tbar rest frame (to the beam axis): gluon fusion's t- and u-channel top exchange
 * gives the propagator factor 1 / (1 - beta^2 cos^2), forward and backward peaked as the tops get faster, where an
 * isotropic decay keeps the two tops, and so their b-jets, too close in rapidity. Sampled by inverse transform.
 */
function topPolarCosine(rng: Random, mSystem: number): number {
  const beta = Math.sqrt(Math.max(0, 1 - (4 * TOP_MASS * TOP_MASS) / (mSystem * mSystem)));
  if (beta < 1e-6) return 2 * rng.uniform() - 1;
  return Math.tanh((2 * rng.uniform() - 1) * Math.atanh(beta)) / beta;
}

/** t tbar -> b W b W, one W -> l nu, the other giving a real or fake hadronic tau. */
export function generateTtbar(rng: Random, ev: TruthEvent, params: TtbarParams): void {
  const p = ev.p4;
  radiate(rng, ev, params.radiation);
  balanceRecoil(rng, ev, SLOT.system, 2 * TOP_MASS + rng.exponential(params.massExcess), params.ySigma, params.kT);
  twoBodyDecay(rng, p, SLOT.system, TOP_MASS, TOP_MASS, SLOT.top1, SLOT.top2, topPolarCosine(rng, massOf(p, SLOT.system)));
  twoBodyDecay(rng, p, SLOT.top1, B_MASS, breitWigner(rng, W_MASS, W_WIDTH, 60, 100), SLOT.b1, SLOT.w1);
  twoBodyDecay(rng, p, SLOT.top2, B_MASS, breitWigner(rng, W_MASS, W_WIDTH, 60, 100), SLOT.b2, SLOT.w2);
  ev.addJetFromSlot(SLOT.b1);
  ev.addJetFromSlot(SLOT.b2);
  twoBodyDecay(rng, p, SLOT.w1, 0, 0, SLOT.lep, SLOT.inv1);
  ev.addInvisible(SLOT.inv1);
  if (rng.uniform() < params.realTauFraction) {
    twoBodyDecay(rng, p, SLOT.w2, TAU_MASS, 0, SLOT.tau1, SLOT.inv2);
    ev.addInvisible(SLOT.inv2);
    decayHadronic(rng, p, SLOT.tau1, SLOT.tauVis, SLOT.inv2);
    ev.addInvisible(SLOT.inv2);
  } else {
    twoBodyDecay(rng, p, SLOT.w2, 0, 0, SLOT.tmp1, SLOT.tmp2);
    ev.addJetFromSlot(SLOT.tmp1);
    ev.addJetFromSlot(SLOT.tmp2);
    fakeTauFromJet(rng, ev, ev.nJets - 1, params);
  }
}
