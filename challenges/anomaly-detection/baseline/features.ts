/**
 * The inputs of both anomaly baselines: the four substructure features without m_JJ (mj1, delta_mj, tau21_1,
 * tau21_2), so a score can only follow m_JJ as far as the jet features themselves do; this is what keeps the
 * scores through the mass-sculpting gate. Masses enter as ln(1 + m / GeV) (their spectra span two decades and
 * are skewed; the log makes them near-Gaussian), clamped at 0 because the real files hold jet masses of −1e−8 GeV.
 * Then every column is standardised with means and deviations fitted on one sample (the training sample).
 *
 * Worked example: mj1 = 99 GeV → ln 100 = 4.6052; with a fitted mean 4.0 and deviation 0.5 it becomes 1.2104.
 * tau21 values pass unchanged to the standardisation.
 */
import { type AnomalyEvents, FEATURE } from "../schema";

export const BASELINE_FEATURES = ["mj1", "delta_mj", "tau21_1", "tau21_2"] as const;
const COLUMNS = BASELINE_FEATURES.map((name) => FEATURE[name]);
const LOG_MASS = new Set<number>([FEATURE.mj1, FEATURE.delta_mj]);

export interface Standardiser {
  features: readonly string[];
  /** Per column, after the log of the masses. */
  mean: number[];
  sd: number[];
}

/** A row-major Float32 matrix of the baseline inputs, masses logged, not yet standardised. */
function rawMatrix(events: AnomalyEvents): Float32Array {
  const rows = events.label.length;
  const cols = COLUMNS.length;
  const X = new Float32Array(rows * cols);
  COLUMNS.forEach((f, c) => {
    const column = events.features[f]!;
    const log = LOG_MASS.has(f);
    for (let i = 0; i < rows; i++) X[i * cols + c] = log ? Math.log1p(Math.max(column[i]!, 0)) : column[i]!;
  });
  return X;
}

/** Means and deviations of the (logged) inputs over `events`; a constant column keeps deviation 1. */
export function fitStandardiser(events: AnomalyEvents): Standardiser {
  const X = rawMatrix(events);
  const rows = events.label.length;
  const cols = COLUMNS.length;
  if (rows === 0) throw new RangeError("cannot fit the standardisation on zero events");
  const mean = COLUMNS.map((_, c) => {
    let s = 0;
    for (let i = 0; i < rows; i++) s += X[i * cols + c]!;
    return s / rows;
  });
  const sd = COLUMNS.map((_, c) => {
    let s = 0;
    for (let i = 0; i < rows; i++) s += (X[i * cols + c]! - mean[c]!) ** 2;
    const v = Math.sqrt(s / rows);
    return v > 0 ? v : 1;
  });
  return { features: [...BASELINE_FEATURES], mean, sd };
}

/** The standardised input matrix (rows × 4, row-major) of `events`. */
export function baselineInputs(events: AnomalyEvents, st: Standardiser): { X: Float32Array; rows: number; cols: number } {
  const X = rawMatrix(events);
  const cols = COLUMNS.length;
  for (let k = 0; k < X.length; k++) X[k] = (X[k]! - st.mean[k % cols]!) / st.sd[k % cols]!;
  return { X, rows: events.label.length, cols };
}

/** Rows `rows` of a row-major matrix, copied in that order. */
export function gatherRows(X: Float32Array, cols: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * cols);
  rows.forEach((r, k) => out.set(X.subarray(r * cols, (r + 1) * cols), k * cols));
  return out;
}
