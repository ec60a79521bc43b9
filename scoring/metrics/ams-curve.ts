/**
 * AMS as a function of how many events are selected, taking events in decreasing RankOrder (the submission's
 * "most signal-like first" ranking), and its maximum: what the submission could have scored with the best cut.
 *
 * Worked example: ranks [4, 3, 2, 1] on labels [s, s, b, b], weights [1, 1, 50, 50], b_r = 10:
 * 1 event → AMS(1, 0) = 0.31117, 2 → AMS(2, 0) = 0.61296, 3 → AMS(2, 50) = 0.25678, 4 → AMS(2, 100) = 0.19012;
 * max 0.61296 at 2 events.
 */
import { ams, AMS_B_REG } from "./ams";
import { FRESH, type Workspace } from "./workspace";

export interface AmsCurve {
  /** Number of selected events at each sampled point (ascending, ending with all events of the subset). */
  selected: number[];
  /** AMS at each sampled point. */
  ams: number[];
  /** Maximum AMS over every possible count (not only the sampled points). */
  max: number;
  /** Number of selected events at the maximum (smallest such count). */
  argmax: number;
}

export interface AmsCurveOptions {
  /** How many points of the curve to return (for plotting); the maximum is always exact. Default 100. */
  points?: number;
  bReg?: number;
  /** Scratch memory for the rank-ordered weights (see Workspace); default fresh. */
  workspace?: Workspace;
}

/** `rankOrder` is a permutation of 1..N over all rows; `mask` restricts to one Usage subset. */
export function amsCurve(
  rankOrder: Int32Array,
  labels: Uint8Array,
  weights: Float64Array,
  mask?: Uint8Array,
  opts: AmsCurveOptions = {},
): AmsCurve {
  const n = rankOrder.length;
  const bReg = opts.bReg ?? AMS_B_REG;
  // One pass in row order puts each subset event's weight at its rank, signed by label (NaN = not in the subset);
  // the walk by rank is then sequential, instead of a random lookup of label and weight per rank.
  const byRank = (opts.workspace ?? FRESH).float64("ams-curve.byRank", n).fill(NaN);
  let m = 0;
  for (let row = 0; row < n; row++) {
    if (mask && !mask[row]) continue;
    byRank[rankOrder[row]! - 1] = labels[row] ? weights[row]! : -weights[row]!;
    m++;
  }
  const points = Math.max(1, Math.min(opts.points ?? 100, m));
  const selected: number[] = [];
  const values: number[] = [];
  let nextPoint = 1;
  let nextSample = Math.round(m / points);
  let s = 0;
  let b = 0;
  let k = 0;
  let max = 0;
  let argmax = 0;
  // AMS rises with s and falls with b, so its maximum over all counts is at the end of a run of signal events: only
  // there (and at the sampled points) is it computed, a logarithm for a fraction of the events.
  let runEnds = false;
  for (let r = n - 1; r >= 0; r--) {
    const w = byRank[r]!;
    if (w !== w) continue;
    if (w >= 0) {
      s += w;
      runEnds = true;
    } else {
      if (runEnds) {
        const value = ams(s, b, bReg);
        if (value > max) {
          max = value;
          argmax = k;
        }
        runEnds = false;
      }
      b -= w;
    }
    k++;
    if (k === nextSample) {
      selected.push(k);
      values.push(ams(s, b, bReg));
      nextPoint++;
      nextSample = Math.round((nextPoint * m) / points);
    }
  }
  if (runEnds) {
    const value = ams(s, b, bReg);
    if (value > max) {
      max = value;
      argmax = k;
    }
  }
  return { selected, ams: values, max, argmax };
}
