/**
 * The metrics again, for bootstrap resamples: each takes events laid out once (selected, or ranked by score) and
 * one multiplicity per event (see bootstrap.ts), and makes one sequential pass without allocating, where the
 * primary computations build cumulative arrays. With every multiplicity 1 they give the primary values (up to
 * rounding: sums are taken in a different order).
 */
import { ams, AMS_B_REG } from "./ams";
import { HI, wordsOf } from "./float-words";
import type { ScoreRanking } from "./ranking";

/** Per event: its weight in `signal` (background: 0) or in `background` (signal: 0). */
export interface SplitWeights {
  signal: Float64Array;
  background: Float64Array;
}

/** Events in ranking order, with tie groups marked. */
export interface RankedEvents extends SplitWeights {
  /** 1 on the last event of each tie group (a cut takes whole groups). */
  groupEnd: Uint8Array;
  /** 1 for background events (for unweighted background counts). */
  isBackground: Uint8Array;
}

/** Splits the weights of `rows` (in that order) by label. */
export function splitWeights(rows: ArrayLike<number>, labels: Uint8Array, weights: Float64Array): SplitWeights {
  const m = rows.length;
  const signal = new Float64Array(m);
  const background = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const row = rows[k]!;
    if (labels[row]) signal[k] = weights[row]!;
    else background[k] = weights[row]!;
  }
  return { signal, background };
}

export function rankedEvents(ranking: ScoreRanking): RankedEvents {
  const { sorted, signed } = ranking;
  const m = sorted.length;
  const signal = new Float64Array(m);
  const background = new Float64Array(m);
  const groupEnd = new Uint8Array(m);
  const isBackground = new Uint8Array(m);
  const words = wordsOf(signed);
  for (let k = 0; k < m; k++) {
    // The sign bit, not w < 0: a background event of weight 0 is −0.
    const bg = words[2 * k + HI]! >>> 31;
    (bg ? background : signal)[k] = Math.abs(signed[k]!);
    groupEnd[k] = k === m - 1 || sorted[k + 1] !== sorted[k] ? 1 : 0;
    isBackground[k] = bg;
  }
  return { signal, background, groupEnd, isBackground };
}

/** AMS of the selected events (all of `events` are selected). */
export function resampledAms(events: SplitWeights, multiplicity: Uint8Array, bReg = AMS_B_REG): number {
  const { signal, background } = events;
  let s = 0;
  let b = 0;
  for (let k = 0; k < multiplicity.length; k++) {
    const times = multiplicity[k]!;
    s += times * signal[k]!;
    b += times * background[k]!;
  }
  return ams(s, b, bReg);
}

/** Weighted ROC AUC, ties counted one half: the trapezoid sum of aucFromSteps, accumulated group by group. */
export function resampledAuc(events: RankedEvents, multiplicity: Uint8Array): number {
  const { signal, background, groupEnd } = events;
  let s = 0;
  let b = 0;
  let groupS = 0;
  let groupB = 0;
  let area = 0;
  for (let k = 0; k < multiplicity.length; k++) {
    const times = multiplicity[k]!;
    groupS += times * signal[k]!;
    groupB += times * background[k]!;
    if (groupEnd[k]) {
      area += groupB * (2 * s + groupS);
      s += groupS;
      b += groupB;
      groupS = 0;
      groupB = 0;
    }
  }
  return s > 0 && b > 0 ? area / (2 * s * b) : NaN;
}

/**
 * Maximum SIC over cuts keeping at least `minBackground` background events: ε_S/√ε_B = (S_g/√B_g)·√B/S, so the
 * best cut maximises S_g/√B_g, which needs no totals and so one pass.
 */
export function resampledMaxSic(events: RankedEvents, multiplicity: Uint8Array, minBackground: number): number {
  const { signal, background, groupEnd, isBackground } = events;
  let s = 0;
  let b = 0;
  let nb = 0;
  let best = NaN;
  for (let k = 0; k < multiplicity.length; k++) {
    const times = multiplicity[k]!;
    s += times * signal[k]!;
    b += times * background[k]!;
    nb += times * isBackground[k]!;
    if (groupEnd[k] && nb >= minBackground && b > 0) {
      const ratio = s / Math.sqrt(b);
      if (!(ratio <= best)) best = ratio;
    }
  }
  return s > 0 && b > 0 ? (best * Math.sqrt(b)) / s : NaN;
}

/** ε_S at ε_B (step rule of efficiencyAtBackgroundFromSteps): totals first, then a walk that stops at the target. */
export function resampledEfficiency(events: RankedEvents, multiplicity: Uint8Array, backgroundEfficiency: number): number {
  const { signal, background, groupEnd } = events;
  let totalS = 0;
  let totalB = 0;
  for (let k = 0; k < multiplicity.length; k++) {
    totalS += multiplicity[k]! * signal[k]!;
    totalB += multiplicity[k]! * background[k]!;
  }
  if (!(totalS > 0 && totalB > 0)) return NaN;
  let s = 0;
  let b = 0;
  let best = 0;
  for (let k = 0; k < multiplicity.length; k++) {
    s += multiplicity[k]! * signal[k]!;
    b += multiplicity[k]! * background[k]!;
    if (groupEnd[k]) {
      if (b / totalB > backgroundEfficiency) break;
      best = s;
    }
  }
  return best / totalS;
}
