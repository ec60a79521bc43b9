/**
 * The HiggsML 2014 event schema (Adam-Bourdarios et al., "Learning to discover:
 * the Higgs boson machine learning challenge", 2014): 30 features in Kaggle's
 * column order, the class weight totals of Kaggle's training set, and the
 * columnar in-memory form every part of the challenge exchanges.
 */

export const HIGGS_FEATURES = [
  "DER_mass_MMC",
  "DER_mass_transverse_met_lep",
  "DER_mass_vis",
  "DER_pt_h",
  "DER_deltaeta_jet_jet",
  "DER_mass_jet_jet",
  "DER_prodeta_jet_jet",
  "DER_deltar_tau_lep",
  "DER_pt_tot",
  "DER_sum_pt",
  "DER_pt_ratio_lep_tau",
  "DER_met_phi_centrality",
  "DER_lep_eta_centrality",
  "PRI_tau_pt",
  "PRI_tau_eta",
  "PRI_tau_phi",
  "PRI_lep_pt",
  "PRI_lep_eta",
  "PRI_lep_phi",
  "PRI_met",
  "PRI_met_phi",
  "PRI_met_sumet",
  "PRI_jet_num",
  "PRI_jet_leading_pt",
  "PRI_jet_leading_eta",
  "PRI_jet_leading_phi",
  "PRI_jet_subleading_pt",
  "PRI_jet_subleading_eta",
  "PRI_jet_subleading_phi",
  "PRI_jet_all_pt",
] as const;

export type HiggsFeature = (typeof HIGGS_FEATURES)[number];

/** Column index of every feature in `HiggsEvents.features`. */
export const FEATURE_INDEX = Object.fromEntries(HIGGS_FEATURES.map((name, i) => [name, i])) as {
  readonly [K in HiggsFeature]: number;
};

/** Value of a feature that is undefined for the event (e.g. jet features with too few jets). */
export const MISSING = -999.0;

/** Sum of signal weights in Kaggle's 250,000-event training set (and of each scored subset after renormalisation). */
export const SIGNAL_WEIGHT_TOTAL = 691.988608;
/** Sum of background weights in Kaggle's training set. */
export const BACKGROUND_WEIGHT_TOTAL = 410999.847322;

/** Generating process, stored in `HiggsEvents.process` for simulated events (never published). */
export const HIGGS_PROCESSES = ["ggH", "VBF", "VH", "Ztautau", "ttbar", "Wjets"] as const;
export type HiggsProcess = (typeof HIGGS_PROCESSES)[number];

/** Columnar events: every array has one entry per event. */
export interface HiggsEvents {
  eventId: Int32Array;
  /** 30 columns in `HIGGS_FEATURES` order. */
  features: Float64Array[];
  weight: Float64Array;
  /** 1 = signal ("s"), 0 = background ("b"). */
  label: Uint8Array;
  /** Index into `HIGGS_PROCESSES`. */
  process?: Uint8Array;
  /** Simulated events only: the true mass of the di-τ system (the H or Z), NaN where the event has no τ pair (tt̄, W + jets). */
  truthMass?: Float64Array;
}

/** Empty columnar storage for `n` events. */
export function allocateHiggsEvents(n: number, withProcess: boolean): HiggsEvents {
  const events: HiggsEvents = {
    eventId: new Int32Array(n),
    features: HIGGS_FEATURES.map(() => new Float64Array(n)),
    weight: new Float64Array(n),
    label: new Uint8Array(n),
  };
  if (withProcess) {
    events.process = new Uint8Array(n);
    events.truthMass = new Float64Array(n);
  }
  return events;
}

/** A new HiggsEvents holding the events at `indices`, in that order. */
export function selectEvents(events: HiggsEvents, indices: ArrayLike<number>): HiggsEvents {
  const n = indices.length;
  const out = allocateHiggsEvents(n, events.process !== undefined);
  for (let k = 0; k < n; k++) {
    const i = indices[k] as number;
    out.eventId[k] = events.eventId[i] as number;
    out.weight[k] = events.weight[i] as number;
    out.label[k] = events.label[i] as number;
    if (out.process && events.process) out.process[k] = events.process[i] as number;
    if (out.truthMass && events.truthMass) out.truthMass[k] = events.truthMass[i] as number;
  }
  events.features.forEach((column, f) => {
    const target = out.features[f] as Float64Array;
    for (let k = 0; k < n; k++) target[k] = column[indices[k] as number] as number;
  });
  return out;
}
