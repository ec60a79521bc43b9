/**
 * Written by bench/fit-higgs-simulator.ts (npm run fit:higgs -- --seed 1 --seconds 300) against the calibration
 * half of the real HiggsML sample, starting from hand-set values; mmc.failMet and mmc.maxRatio were then set by
 * hand when the stand-in MMC's failure rule changed. Rerun the fit to refresh (it starts from these values).
 */
import type { SimulatorConfig } from "./config";

export const FITTED_CONFIG: SimulatorConfig = {
  shares: {
    ggH: {
      countFraction: 0.133,
      weightShare: 0.876
    },
    VBF: {
      countFraction: 0.178,
      weightShare: 0.094
    },
    VH: {
      countFraction: 0.031,
      weightShare: 0.03
    },
    Ztautau: {
      countFraction: 0.1994,
      weightShare: 0.55
    },
    ttbar: {
      countFraction: 0.0997,
      weightShare: 0.1
    },
    Wjets: {
      countFraction: 0.3589,
      weightShare: 0.35
    }
  },
  weights: {
    ggH: {
      jetSlope: 0,
      spread: 0
    },
    VBF: {
      jetSlope: 0,
      spread: 0
    },
    VH: {
      jetSlope: 0,
      spread: 0
    },
    Ztautau: {
      jetSlope: 0.6,
      spread: 0.4
    },
    ttbar: {
      jetSlope: 0,
      spread: 0
    },
    Wjets: {
      jetSlope: 0.6,
      spread: 0.3
    }
  },
  ggH: {
    radiation: {
      multiplicity: [
        0.3,
        0.35,
        0.2,
        0.15
      ],
      ptMin: 15,
      power: 2.8,
      etaSigma: 2
    },
    ySigma: 1.4,
    kT: 8
  },
  vbf: {
    radiation: {
      multiplicity: [
        0.6,
        0.3,
        0.1
      ],
      ptMin: 15,
      power: 3.5,
      etaSigma: 2
    },
    ySigma: 0.8,
    kT: 8,
    tagPtMin: 30,
    tagPower: 3,
    gapMean: 3.5,
    gapSigma: 1.8
  },
  vh: {
    radiation: {
      multiplicity: [
        0.5,
        0.3,
        0.2
      ],
      ptMin: 15,
      power: 3.5,
      etaSigma: 2
    },
    ySigma: 1.2,
    kT: 8,
    massExcess: 150
  },
  ztautau: {
    radiation: {
      multiplicity: [
        0.2,
        0.35,
        0.25,
        0.2
      ],
      ptMin: 15,
      power: 3,
      etaSigma: 2.2
    },
    ySigma: 1.6,
    kT: 8
  },
  wjets: {
    radiation: {
      multiplicity: [
        0,
        0.4,
        0.35,
        0.25
      ],
      ptMin: 15,
      power: 2.82,
      etaSigma: 2.2
    },
    ySigma: 1.5,
    kT: 8,
    zMin: 0.5
  },
  ttbar: {
    radiation: {
      multiplicity: [
        0.55,
        0.3,
        0.15
      ],
      ptMin: 15,
      power: 3.12,
      etaSigma: 1.73
    },
    ySigma: 1,
    kT: 10.95,
    zMin: 0.5,
    massExcess: 120,
    realTauFraction: 0.4
  },
  detector: {
    leptonResolution: 0.02,
    tauResolution: 0.1,
    jetStochastic: 0.9,
    jetConstant: 0.05,
    metResolution: 0.205,
    softSumEtMean: 40,
    softResponse: 0.2
  },
  mmc: {
    scale: 0.9,
    offset: 18,
    failMet: 42,
    maxRatio: 3
  }
};
