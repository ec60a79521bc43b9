/**
 * AMS as a function of how many events are selected, taking events in decreasing RankOrder (the submission's
 * "most signal-like first" ranking), and its maximum: what the submission could have scored with the best cut.
 *
 * Worked example: ranks [4, 3, 2, 1] on labels [s, s, b, b], weights [1, 1, 50, 50] (signed: [1, 1, −50, −50]), b_r = 10:
 * 1 event → AMS(1, 0) = 0.31117, 2 → AMS(2, 0) = 0.61296, 3 → AMS(2, 50) = 0.25678, 4 → AMS(2, 100) = 0.19012;
 * max 0.61296 at 2 events.
 */
import { ams, AMS_B_REG } from "./ams";
import { rankByScore } from "./ranking";
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
  /** Scratch memory for the sort by rank (see Workspace); default fresh. */
  workspace?: Workspace;
}

/**
 * `rankOrder` is a permutation of 1..N over all rows; `rows` (ascending) restricts to one Usage subset; `signed` holds
 * the signed weights of the rows taken (see signedWeights): signed[k] belongs to rows[k], or to row k without rows.
 */
export function amsCurve(rankOrder: Int32Array, signed: Float64Array, rows?: Int32Array, opts: AmsCurveOptions = {}): AmsCurve {
  const n = rankOrder.length;
  const bReg = opts.bReg ?? AMS_B_REG;
  const ws = opts.workspace ?? FRESH;
  // The subset's events by descending RankOrder: the ranking of score metrics (a radix sort) over its m rows only
  // (the Public subset is an eighth of all), rather than a scatter by rank and a walk over all n ranks with holes. It
  // carries each event's signed weight, so the walk below reads them in rank order.
  const m = rows ? rows.length : n;
  const ranks = ws.float64("ams-curve.rank", m);
  // 1 + rank·2^-bits: the same order as the ranks, in doubles of one exponent whose top mantissa bits are the rank,
  // so that the sort's passes cover only the rank's bits (20 for Kaggle's 550,000 events), not an exponent's too.
  const scale = 2 ** -Math.max(1, 32 - Math.clz32(n));
  for (let k = 0; k < m; k++) ranks[k] = 1 + rankOrder[rows ? rows[k]! : k]! * scale;
  const byRank = rankByScore(ranks, signed, undefined, ws).signed;
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
  for (let r = 0; r < m; r++) {
    const w = byRank[r]!;
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
