/**
 * The anomaly-detection event schema: the five high-level dijet features of the LHC Olympics 2020 R&D data set
 * (Kasieczka et al., "The LHC Olympics 2020", Rep. Prog. Phys. 84 (2021) 124201), in the columnar form the
 * simulator, the importer and the file writers exchange.
 *
 * Conventions, as in the CATHODE-prepared files (`mjj_TeV, mj_min_TeV, delta_mj_TeV, tau21_jmin, tau21_jmax`),
 * except that masses are in GeV here (the importer converts): jet 1 is the *lighter* of the two leading large-radius
 * jets, so delta_mj = mj2 − mj1 ≥ 0, and tau21_1 / tau21_2 are the N-subjettiness ratios τ2/τ1 of the lighter /
 * heavier jet (low = two-prong, high = one-prong).
 * Example: a W′ → X(500) Y(100) event reads mjj 3480, mj1 104, delta_mj 391, tau21_1 0.35, tau21_2 0.18.
 */

export const ANOMALY_FEATURES = ["mjj", "mj1", "delta_mj", "tau21_1", "tau21_2"] as const;

export type AnomalyFeature = (typeof ANOMALY_FEATURES)[number];

/** Column index of every feature in `AnomalyEvents.features`. */
export const FEATURE = { mjj: 0, mj1: 1, delta_mj: 2, tau21_1: 3, tau21_2: 4 } as const satisfies Record<AnomalyFeature, number>;

/** Columnar events: every array has one entry per event. */
export interface AnomalyEvents {
  /** 5 columns in `ANOMALY_FEATURES` order, masses in GeV. */
  features: Float64Array[];
  /** 1 = signal, 0 = background. */
  label: Uint8Array;
}

/** Empty columnar storage for `n` events. */
export function allocateAnomalyEvents(n: number): AnomalyEvents {
  return { features: ANOMALY_FEATURES.map(() => new Float64Array(n)), label: new Uint8Array(n) };
}

/** A new AnomalyEvents holding the events at `indices`, in that order. */
export function selectAnomalyEvents(events: AnomalyEvents, indices: ArrayLike<number>): AnomalyEvents {
  const n = indices.length;
  const out = allocateAnomalyEvents(n);
  for (let k = 0; k < n; k++) out.label[k] = events.label[indices[k]!]!;
  events.features.forEach((column, f) => {
    const target = out.features[f]!;
    for (let k = 0; k < n; k++) target[k] = column[indices[k]!]!;
  });
  return out;
}

/** Events of `a` followed by those of `b`. */
export function concatAnomalyEvents(a: AnomalyEvents, b: AnomalyEvents): AnomalyEvents {
  const na = a.label.length;
  const out = allocateAnomalyEvents(na + b.label.length);
  out.label.set(a.label);
  out.label.set(b.label, na);
  out.features.forEach((column, f) => {
    column.set(a.features[f]!);
    column.set(b.features[f]!, na);
  });
  return out;
}

/** Number of signal events. */
export function countSignal(events: AnomalyEvents): number {
  let n = 0;
  for (const l of events.label) n += l;
  return n;
}
