/**
 * The two leading large-radius jets of an event: their masses and N-subjettiness ratios τ21 = τ2/τ1, for QCD
 * jets (one-prong-like, broad log-normal mass growing slowly with mjj) and for the W′ → X Y daughters (two-prong,
 * mass peaks near m_X and m_Y). Written into the feature columns with the lighter jet first, as in the LHCO files.
 *
 * Worked example (default parameters): a QCD jet at mjj = 3500 GeV with normal draw z = 0 and uniform u = 0.5 has
 * mass 172.8 GeV and τ21 = (1 − 0.5^(1/1.728))^(1/2.956) · (1 − 0.902 · 0.1728) = 0.6875 · 0.8441 = 0.5804.
 */
import type { Random } from "../../shared/random";
import { FEATURE } from "../schema";
import type { BackgroundParams, Kumaraswamy, ResonanceJet } from "./params";

/** Kumaraswamy(a, b) by inverse transform: F(x) = 1 − (1 − x^a)^b. */
export function kumaraswamy(rng: Random, { a, b }: Kumaraswamy): number {
  return (1 - (1 - rng.uniform()) ** (1 / b)) ** (1 / a);
}

/** One jet: mass (GeV) and τ21. */
export interface Jet {
  mass: number;
  tau21: number;
}

/** A QCD jet in an event of dijet mass `mjj`; draws one normal from `massRng` and one uniform from `tauRng`. */
export function qcdJet(out: Jet, mjj: number, p: BackgroundParams, massRng: Random, tauRng: Random): void {
  const scale = p.jetMassMedian * (mjj / p.referenceMjj) ** p.jetMassMjjPower;
  out.mass = scale * Math.exp(p.jetMassLogSigma * massRng.normal());
  out.tau21 = kumaraswamy(tauRng, p.tau21) * (1 - p.tau21MassSlope * Math.min(out.mass / 1000, 1));
}

/** A resonance daughter jet: log-normal mass around massScale · mass, two-prong τ21. */
export function resonanceJet(out: Jet, p: ResonanceJet, massRng: Random, tauRng: Random): void {
  out.mass = p.mass * p.massScale * Math.exp(p.massLogSigma * massRng.normal());
  out.tau21 = kumaraswamy(tauRng, p.tau21);
}

/** Stores event `i` of `features`: mjj, then the jets ordered by mass (lighter = jet 1). */
export function storeEvent(features: Float64Array[], i: number, mjj: number, a: Jet, b: Jet): void {
  const light = a.mass <= b.mass ? a : b;
  const heavy = light === a ? b : a;
  features[FEATURE.mjj]![i] = mjj;
  features[FEATURE.mj1]![i] = light.mass;
  features[FEATURE.delta_mj]![i] = heavy.mass - light.mass;
  features[FEATURE.tau21_1]![i] = light.tau21;
  features[FEATURE.tau21_2]![i] = heavy.tau21;
}
