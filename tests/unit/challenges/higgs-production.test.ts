import { describe, expect, it } from "vitest";
import { DEFAULT_SIMULATOR_CONFIG } from "@/challenges/higgs-tautau/simulator/config";
import { deltaPhi, etaOf, massOf, phiOf, ptOf } from "@/challenges/higgs-tautau/simulator/four-vector";
import { drellYanMass, generateDrellYan, generateTtbar, generateVbf, generateWjets } from "@/challenges/higgs-tautau/simulator/processes";
import { SLOT, TruthEvent } from "@/challenges/higgs-tautau/simulator/truth-event";
import { Random } from "@/challenges/shared/random";

const TOP_MASS = 172.5;

function rapidity(p: Float64Array, o: number): number {
  const pz = p[o + 2] as number;
  const e = p[o + 3] as number;
  return 0.5 * Math.log((e + pz) / (e - pz));
}

/** Root mean square of `distance` over 20,000 VBF events with one radiated jet and the spread `sigma` set. */
function vbfRms(sigma: { centralSigma: number } | { tagPhiSigma: number }, seed: number, distance: (ev: TruthEvent) => number): number {
  const params = { ...structuredClone(DEFAULT_SIMULATOR_CONFIG.vbf), ...sigma };
  params.radiation.multiplicity = [1];
  const rng = new Random(seed);
  const ev = new TruthEvent();
  const n = 20000;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    ev.reset();
    generateVbf(rng, ev, params);
    sum2 += distance(ev) ** 2;
  }
  return Math.sqrt(sum2 / n);
}

describe("hard processes", () => {
  it("produces top pairs peaked along the beam as the gluon-fusion propagator 1 / (1 - β² cos²θ) gives", () => {
    // No recoil, so the pair moves along the beam only and cos θ* = tanh(Δy / 2) / β exactly.
    const params = structuredClone(DEFAULT_SIMULATOR_CONFIG.ttbar);
    params.radiation.multiplicity = [1];
    params.kT = 0;
    const rng = new Random(5);
    const ev = new TruthEvent();
    let absCos = 0;
    let expected = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      ev.reset();
      generateTtbar(rng, ev, params);
      const m = massOf(ev.p4, SLOT.system);
      const beta = Math.sqrt(1 - (4 * TOP_MASS * TOP_MASS) / (m * m));
      absCos += Math.abs(Math.tanh((rapidity(ev.p4, SLOT.top1) - rapidity(ev.p4, SLOT.top2)) / 2) / beta);
      // E|cos θ| under the propagator: [-ln(1 - β²) / (2 β²)] / [atanh(β) / β]; an isotropic decay gives 1/2.
      expected += -Math.log(1 - beta * beta) / (2 * beta * Math.atanh(beta));
    }
    // Standard error of the mean of |cos θ| is below 0.3 / sqrt(n) = 0.002.
    expect(absCos / n).toBeCloseTo(expected / n, 2);
    expect(expected / n).toBeGreaterThan(0.53);
  });

  it("gives the W the rapidity of the jets it recoils against, spread by ySigma", () => {
    // One jet, which becomes the fake tau: the W's rapidity is the jet's plus N(0, ySigma), so their correlation is
    // etaSigma / sqrt(etaSigma² + ySigma²).
    const params = structuredClone(DEFAULT_SIMULATOR_CONFIG.wjets);
    params.radiation.multiplicity = [0, 1];
    params.radiation.etaSigma = 2;
    params.ySigma = 1;
    const rng = new Random(6);
    const ev = new TruthEvent();
    const n = 20000;
    const w = new Float64Array(n);
    const jet = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ev.reset();
      generateWjets(rng, ev, params);
      w[i] = rapidity(ev.p4, SLOT.boson);
      const p = ev.p4;
      const o = SLOT.tauVis;
      jet[i] = Math.asinh((p[o + 2] as number) / Math.hypot(p[o] as number, p[o + 1] as number));
    }
    const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / n;
    const mw = mean(w);
    const mj = mean(jet);
    let cov = 0,
      vw = 0,
      vj = 0;
    for (let i = 0; i < n; i++) {
      cov += (w[i]! - mw) * (jet[i]! - mj);
      vw += (w[i]! - mw) ** 2;
      vj += (jet[i]! - mj) ** 2;
    }
    expect(cov / Math.sqrt(vw * vj)).toBeCloseTo(2 / Math.sqrt(5), 1);
    expect(ev.nJets).toBe(0);
  });

  it("lets a W+jets jet fake the tau with a probability falling as (20 GeV / pT)^fakePower", () => {
    // One jet, kept whole as the tau (zMin 1): the fake tau's pT is its jet's. With fakePower 1 the spectrum must be the
    // flat-fake-rate one reweighted by min(1, 20 / pT), bin by bin.
    const tauPts = (fakePower: number, seed: number): Float64Array => {
      const params = structuredClone(DEFAULT_SIMULATOR_CONFIG.wjets);
      params.radiation.multiplicity = [0, 1];
      params.zMin = 1;
      params.fakePower = fakePower;
      const rng = new Random(seed);
      const ev = new TruthEvent();
      return Float64Array.from({ length: 40000 }, () => {
        ev.reset();
        generateWjets(rng, ev, params);
        return ptOf(ev.p4, SLOT.tauVis);
      });
    };
    const flat = tauPts(0, 7);
    const falling = tauPts(1, 8);
    const accept = (pt: number): number => Math.min(1, 20 / pt);
    const total = flat.reduce((s, pt) => s + accept(pt), 0);
    const edges = [0, 20, 30, 50, 80, Infinity];
    for (let b = 0; b + 1 < edges.length; b++) {
      const inBin = (pt: number): boolean => pt >= edges[b]! && pt < edges[b + 1]!;
      const expected = flat.reduce((s, pt) => s + (inBin(pt) ? accept(pt) : 0), 0) / total;
      const observed = falling.filter(inBin).length / falling.length;
      // Binomial standard error below 0.0025 per sample.
      expect(Math.abs(observed - expected)).toBeLessThan(0.012);
    }
    expect(falling.reduce((a, b) => a + b, 0) / falling.length).toBeLessThan((0.9 * flat.reduce((a, b) => a + b, 0)) / flat.length);
  });

  it("spreads the VBF Higgs's rapidity around the tagging jets' midpoint by centralSigma", () => {
    for (const centralSigma of [0.6, 1.2]) {
      const rms = vbfRms({ centralSigma }, 9, (ev) => rapidity(ev.p4, SLOT.boson) - 0.5 * (etaOf(ev.jets, 0) + etaOf(ev.jets, 4)));
      // Standard error of the spread: centralSigma / sqrt(2n) < 0.01.
      expect(rms).toBeCloseTo(centralSigma, 1);
    }
  });

  it("draws the Drell–Yan continuum as dσ/dm ∝ m^-continuumPower on 100–400 GeV, and the Z pole otherwise", () => {
    const rng = new Random(11);
    const n = 40000;
    const continuum = Array.from({ length: n }, () =>
      drellYanMass(rng, { ...DEFAULT_SIMULATOR_CONFIG.ztautau, continuumFraction: 1, continuumPower: 3 }),
    );
    expect(Math.min(...continuum)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...continuum)).toBeLessThanOrEqual(400);
    // P(m > 200) = (200^-2 - 400^-2) / (100^-2 - 400^-2) = 0.2; binomial sd 0.002.
    expect(continuum.filter((m) => m > 200).length / n).toBeCloseTo(0.2, 2);
    // P(m > 141.42) = 0.5 - 1/30 under m^-3 truncated at 400: (141.42^-2 - 400^-2) / (100^-2 - 400^-2) = 0.4667.
    expect(continuum.filter((m) => m > 100 * Math.SQRT2).length / n).toBeCloseTo(0.4667, 2);
    const pole = Array.from({ length: n }, () => drellYanMass(rng, { ...DEFAULT_SIMULATOR_CONFIG.ztautau, continuumFraction: 0 }));
    // The Breit–Wigner (Γ = 2.5 GeV) puts 1 - (2/π) atan(10 / 1.25) = 7.92% of its mass more than 10 GeV off the pole;
    // truncated to 60–250 GeV it loses 1.28% below and 0.25% above: (7.92 - 1.53) / (100 - 1.53) = 6.5%.
    expect(pole.filter((m) => Math.abs(m - 91.19) > 10).length / n).toBeCloseTo(0.065, 2);
  });

  it("gives the default Z/γ* → ττ a continuum share: di-τ masses above 120 GeV in over 3% of events", () => {
    const rng = new Random(12);
    const ev = new TruthEvent();
    let high = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      ev.reset();
      generateDrellYan(rng, ev, DEFAULT_SIMULATOR_CONFIG.ztautau);
      if (massOf(ev.p4, SLOT.boson) > 120) high++;
    }
    // The Breit–Wigner alone puts (1/π)(π/2 - atan(28.8 / 1.25)) = 1.4% of its events above 120 GeV.
    expect(high / n).toBeGreaterThan(0.03);
  });

  it("spreads the second VBF tagging jet's azimuth around back-to-back by tagPhiSigma", () => {
    for (const tagPhiSigma of [0.3, 0.6]) {
      // Distance from back-to-back: pi - |delta phi|; wrap-around past pi is negligible at five standard deviations.
      const rms = vbfRms({ tagPhiSigma }, 11, (ev) => Math.PI - Math.abs(deltaPhi(phiOf(ev.jets, 0), phiOf(ev.jets, 4))));
      // Standard error of the spread: tagPhiSigma / sqrt(2n) < 0.005.
      expect(rms).toBeCloseTo(tagPhiSigma, 1);
    }
  });
});
