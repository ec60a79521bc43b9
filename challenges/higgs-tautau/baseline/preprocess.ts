/**
 * Feature preprocessing of the Higgs baselines, fitted on training events only and serialisable (plain JSON) so
 * the model card can carry it and test events get exactly the same treatment.
 *
 * "standardised" (neural networks): −999 is missing; every feature that is missing somewhere in the training events
 * gets a 0/1 indicator column "<name>_missing"; heavy-tailed momenta, masses and sums (LOG_FEATURES) become
 * log(1 + x); each column is standardised with the mean and standard deviation of its present training values, and a
 * missing value becomes 0 (the mean) after standardising, the indicator telling the network it was absent.
 * "raw" (trees): values as they are, missing as NaN (XGBoost's missing marker); trees need no scaling.
 * Both can first remove the φ/η symmetries (symmetry.ts). Both start from the features rounded to float32, as a
 * model submission receives them, so the baseline's ONNX export (lib/ml/onnx/) sees the very values it was fitted on.
 *
 * Worked example ("standardised", one column DER_mass_MMC, training values [e − 1, −999, e³ − 1]): log1p gives
 * [1, missing, 3], mean 2, std 1 (population) → [−1, 0, 1] plus the indicator [0, 1, 0].
 */
import type { FeatureStyle } from "../../shared/baseline/types";
import { type HiggsEvents, MISSING } from "../schema";
import { higgsColumns } from "./symmetry";

/** Positive, heavy-tailed features (GeV scales spanning decades) that are closer to normal after log(1 + x). */
export const LOG_FEATURES: ReadonlySet<string> = new Set([
  "DER_mass_MMC",
  "DER_mass_transverse_met_lep",
  "DER_mass_vis",
  "DER_pt_h",
  "DER_mass_jet_jet",
  "DER_pt_tot",
  "DER_sum_pt",
  "DER_pt_ratio_lep_tau",
  "PRI_tau_pt",
  "PRI_lep_pt",
  "PRI_met",
  "PRI_met_sumet",
  "PRI_jet_leading_pt",
  "PRI_jet_subleading_pt",
  "PRI_jet_all_pt",
]);

export interface PreprocessOptions {
  style: FeatureStyle;
  /** Remove the φ rotation and η/φ reflections (default true). */
  symmetrise?: boolean;
}

export interface OutputColumn {
  name: string;
  /** Index into the (symmetrised) input columns. */
  source: number;
  kind: "value" | "log1p" | "missing-indicator";
  mean: number;
  std: number;
}

export interface PreprocessorState {
  version: 1;
  style: FeatureStyle;
  symmetrise: boolean;
  columns: OutputColumn[];
}

function transformValue(x: number, kind: OutputColumn["kind"]): number {
  if (kind === "missing-indicator") return x === MISSING ? 1 : 0;
  return kind === "log1p" ? Math.log1p(x) : x;
}

/** Mean and population standard deviation of the present values (std 1 when constant or empty). */
function moments(column: Float64Array, kind: OutputColumn["kind"]): { mean: number; std: number } {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (const x of column) {
    if (kind !== "missing-indicator" && x === MISSING) continue;
    const v = transformValue(x, kind);
    n++;
    sum += v;
    sumSq += v * v;
  }
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 0 ? sumSq / n - mean * mean : 0;
  return { mean, std: variance > 1e-12 ? Math.sqrt(variance) : 1 };
}

export function fitPreprocessor(train: HiggsEvents, opts: PreprocessOptions): PreprocessorState {
  const symmetrise = opts.symmetrise ?? true;
  const { names, columns } = higgsColumns(train, symmetrise, true);
  const out: OutputColumn[] = [];
  if (opts.style === "raw") {
    names.forEach((name, source) => out.push({ name, source, kind: "value", mean: 0, std: 1 }));
    return { version: 1, style: "raw", symmetrise, columns: out };
  }
  names.forEach((name, source) => {
    const kind = LOG_FEATURES.has(name) ? "log1p" : "value";
    out.push({ name, source, kind, ...moments(columns[source]!, kind) });
  });
  names.forEach((name, source) => {
    // An indicator for a feature never missing in training would be a constant column.
    if (columns[source]!.includes(MISSING)) out.push({ name: `${name}_missing`, source, kind: "missing-indicator", mean: 0, std: 1 });
  });
  return { version: 1, style: "standardised", symmetrise, columns: out };
}

/** Row-major features for a model: rows × state.columns.length. */
export function transformEvents(state: PreprocessorState, events: HiggsEvents): { X: Float32Array; rows: number; cols: number } {
  const { columns } = higgsColumns(events, state.symmetrise, true);
  const rows = events.eventId.length;
  const cols = state.columns.length;
  const X = new Float32Array(rows * cols);
  const missingValue = state.style === "raw" ? NaN : 0;
  state.columns.forEach((c, j) => {
    const input = columns[c.source]!;
    for (let i = 0; i < rows; i++) {
      const x = input[i]!;
      X[i * cols + j] = c.kind !== "missing-indicator" && x === MISSING ? missingValue : (transformValue(x, c.kind) - c.mean) / c.std;
    }
  });
  return { X, rows, cols };
}
