/**
 * Every free parameter of the Higgs simulator in one typed object, so a run can
 * be configured (and the calibration fit, scripts/fit-higgs-simulator.ts, can
 * vary it) without touching module state. DEFAULT_SIMULATOR_CONFIG holds the
 * values fitted against one half of the 22,889 real HiggsML events
 * (bench/fit-higgs-simulator.ts writes them to fitted-config.ts).
 *
 * Count fractions are the share of each process among the *selected* events;
 * weight shares split each class total among processes. The signal split
 * follows the real training set, whose distinct signal weights tell the
 * processes apart (on the calibration half): gluon fusion 0.018636 (40% of
 * signal events, 88% of the signal weight), VBF 0.001503 (42%, 8%) and VH
 * 0.001502 and 0.002653 (18%, 4%; dijet masses near the W and Z). The
 * background split is fitted (the real file has no process labels).
 */
import type { HiggsProcess } from "../schema";
import type { DetectorParams } from "./detector";
import type { MmcParams } from "./missing-mass";
import { FITTED_CONFIG } from "./fitted-config";
import type { DrellYanParams, ProcessParams, TtbarParams, VbfParams, VhParams, WjetsParams } from "./processes";

export interface ProcessShare {
  countFraction: number;
  weightShare: number;
}

/**
 * Per-event weight model of one process: weight ∝ exp(-jetSlope * jets) * lognormal(spread).
 * Real background weights fall by about half per extra jet (jet-multiplicity-sliced
 * samples) and take thousands of distinct values; signal weights are one per process.
 */
export interface WeightParams {
  jetSlope: number;
  spread: number;
}

export interface SimulatorConfig {
  shares: { readonly [P in HiggsProcess]: ProcessShare };
  weights: { readonly [P in HiggsProcess]: WeightParams };
  ggH: ProcessParams;
  vbf: VbfParams;
  vh: VhParams;
  ztautau: DrellYanParams;
  wjets: WjetsParams;
  ttbar: TtbarParams;
  detector: DetectorParams;
  mmc: MmcParams;
}

/** The fitted values (fitted-config.ts, written by the calibration fit). */
export const DEFAULT_SIMULATOR_CONFIG: SimulatorConfig = FITTED_CONFIG;
