/**
 * Tunable parameters of the anomaly-detection simulator, masses in GeV. The jet-substructure values were fitted
 * offline (least squares on 19 quantiles per feature; bench/anomaly-simulator.ts prints the resulting comparison) to the
 * LHC Olympics 2020 R&D signal-region files: the 119,210 background events of train + val and the 74,527 events of
 * extrasig. The mjj spectrum's slope was fitted to the same background; inside a 400 GeV window the fit cannot tell
 * p1 from p2 (any pair on the line p1 / (1 − x) + p2 / x = const fits equally), so p1 = 5 and p3 = 0 are choices.
 */
import { z } from "zod";

export interface DijetShape {
  /** f(x) ∝ (1 − x)^p1 / x^(p2 + p3 ln x), x = mjj / √s. */
  p1: number;
  p2: number;
  p3: number;
}

/** Kumaraswamy(a, b) on (0, 1): a Beta-like shape with a closed-form inverse CDF (one uniform per draw). */
export interface Kumaraswamy {
  a: number;
  b: number;
}

export interface BackgroundParams {
  dijet: DijetShape;
  /** Median jet mass at mjj = referenceMjj; each jet's mass is log-normal around it. */
  jetMassMedian: number;
  jetMassLogSigma: number;
  /** Jet masses scale as (mjj / referenceMjj)^power (harder jets are heavier). */
  jetMassMjjPower: number;
  referenceMjj: number;
  /** tau21 = K · (1 − massSlope · min(m / 1000 GeV, 1)), K ~ Kumaraswamy: heavier QCD jets look more two-prong. */
  tau21: Kumaraswamy;
  tau21MassSlope: number;
}

export interface ResonanceJet {
  mass: number;
  /** Peak of the reconstructed mass relative to the true mass (jet-mass scale). */
  massScale: number;
  /** Log-normal width of the reconstructed mass. */
  massLogSigma: number;
  tau21: Kumaraswamy;
}

export interface SignalParams {
  /** W′ mass and the relative dijet-mass resolution (Gaussian core). */
  resonanceMass: number;
  mjjResolution: number;
  x: ResonanceJet;
  y: ResonanceJet;
  /** Probability that a daughter jet is misreconstructed (a prong lost, an ISR jet picked): then QCD-like. */
  misreconstructed: number;
}

export interface AnomalyParams {
  /** Collision energy (GeV). */
  sqrtS: number;
  /** Simulated mjj window (GeV); every event, signal included, lies inside it. */
  mjjRange: readonly [number, number];
  /** Grid points of the tabulated mjj CDF. */
  cdfPoints: number;
  background: BackgroundParams;
  signal: SignalParams;
}

/**
 * Defaults: a window from just above the LHCO trigger turn-on (jet pT > 1.2 TeV makes mjj ≳ 2.6 TeV) to 5.5 TeV,
 * so the 3.3–3.7 TeV signal region has sidebands on both sides for bump hunts (CWoLa, CATHODE).
 */
export const DEFAULT_ANOMALY_PARAMS: AnomalyParams = {
  sqrtS: 13000,
  mjjRange: [2800, 5500],
  cdfPoints: 4096,
  background: {
    dijet: { p1: 5, p2: 3.32, p3: 0 },
    jetMassMedian: 172.8,
    jetMassLogSigma: 0.732,
    jetMassMjjPower: 0.5,
    referenceMjj: 3500,
    tau21: { a: 2.956, b: 1.728 },
    tau21MassSlope: 0.902,
  },
  signal: {
    resonanceMass: 3500,
    mjjResolution: 0.035,
    x: { mass: 500, massScale: 1.012, massLogSigma: 0.067, tau21: { a: 1.52, b: 8.92 } },
    y: { mass: 100, massScale: 1.149, massLogSigma: 0.25, tau21: { a: 2.8, b: 11.14 } },
    misreconstructed: 0.1,
  },
};

/** The LHC Olympics R&D signal region, for comparisons with the real files. */
export const SIGNAL_REGION: readonly [number, number] = [3300, 3700];

const positive = z.number().positive();
const fraction = z.number().min(0).lt(1);
const kumaraswamy = z.object({ a: positive, b: positive }).strict();
const resonanceJet = z.object({ mass: positive, massScale: positive, massLogSigma: positive, tau21: kumaraswamy }).strict();

/** Validates parameters (from a manifest or a caller): every number in range, the window inside (0, √s). */
export const anomalyParamsSchema = z
  .object({
    sqrtS: positive,
    mjjRange: z.tuple([positive, positive]),
    cdfPoints: z
      .number()
      .int()
      .min(16)
      .max(1 << 20),
    background: z
      .object({
        dijet: z.object({ p1: z.number(), p2: z.number(), p3: z.number() }).strict(),
        jetMassMedian: positive,
        jetMassLogSigma: positive,
        jetMassMjjPower: z.number(),
        referenceMjj: positive,
        tau21: kumaraswamy,
        tau21MassSlope: fraction,
      })
      .strict(),
    signal: z
      .object({ resonanceMass: positive, mjjResolution: positive, x: resonanceJet, y: resonanceJet, misreconstructed: fraction })
      .strict(),
  })
  .strict()
  .refine((p) => p.mjjRange[0] < p.mjjRange[1] && p.mjjRange[1] < p.sqrtS, { message: "mjjRange must be increasing and below sqrtS" });
