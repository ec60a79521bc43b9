/**
 * Tunable parameters of the simulator, tuned by hand against the 22,889 real
 * HiggsML events (see bench/fidelity.ts). Count fractions are the share of each
 * process among the *selected* events; weight shares split each class total
 * among processes. The signal count/weight split follows the real training
 * set, whose three distinct signal weights show gluon fusion (39% of signal
 * events, 88% of the signal weight), VBF (52%, 9%) and VH (9%, 3%).
 * The background split is an assumption (the real file has no process labels).
 */
import type { HiggsProcess } from "../schema";
import type { DetectorParams } from "./detector";
import type { ProcessParams, TtbarParams, VbfParams, VhParams, WjetsParams } from "./processes";

export interface ProcessShare {
  countFraction: number;
  weightShare: number;
}

export const PROCESS_SHARES: { readonly [P in HiggsProcess]: ProcessShare } = {
  ggH: { countFraction: 0.133, weightShare: 0.876 },
  VBF: { countFraction: 0.178, weightShare: 0.094 },
  VH: { countFraction: 0.031, weightShare: 0.03 },
  Ztautau: { countFraction: 0.2, weightShare: 0.55 },
  ttbar: { countFraction: 0.13, weightShare: 0.1 },
  Wjets: { countFraction: 0.33, weightShare: 0.35 },
};

export const GGH: ProcessParams = {
  radiation: { multiplicity: [0.45, 0.3, 0.15, 0.1], ptMin: 25, power: 3.2, etaSigma: 2.0 },
  ySigma: 1.4,
  kT: 1.5,
};

export const VBF: VbfParams = {
  radiation: { multiplicity: [0.7, 0.25, 0.05], ptMin: 20, power: 4, etaSigma: 2.0 },
  ySigma: 0.8,
  kT: 1.5,
  tagPtMin: 24,
  tagPower: 2.8,
  gapMean: 5,
  gapSigma: 2,
};

export const VH: VhParams = {
  radiation: { multiplicity: [0.6, 0.3, 0.1], ptMin: 20, power: 4, etaSigma: 2.0 },
  ySigma: 1.2,
  kT: 1.5,
  massExcess: 150,
};

export const ZTAUTAU: ProcessParams = {
  radiation: { multiplicity: [0.3, 0.35, 0.2, 0.15], ptMin: 25, power: 3.4, etaSigma: 2.0 },
  ySigma: 1.6,
  kT: 1.5,
};

export const WJETS: WjetsParams = {
  radiation: { multiplicity: [0, 0.45, 0.35, 0.2], ptMin: 25, power: 3.8, etaSigma: 1.8 },
  ySigma: 1.5,
  kT: 1.5,
  zMin: 0.5,
};

export const TTBAR: TtbarParams = {
  radiation: { multiplicity: [0.55, 0.3, 0.15], ptMin: 20, power: 3.5, etaSigma: 2.0 },
  ySigma: 1.0,
  kT: 1.5,
  zMin: 0.5,
  massExcess: 120,
  realTauFraction: 0.4,
};

export const DETECTOR: DetectorParams = {
  leptonResolution: 0.02,
  tauResolution: 0.1,
  jetStochastic: 0.9,
  jetConstant: 0.05,
  metResolution: 0.3,
  softSumEtMean: 60,
};
