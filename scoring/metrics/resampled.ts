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
 * best cut maximises S_g²/B_g, which needs no totals and so one pass; cuts compare by cross-multiplying, as
 * RocSummary's do (no root or division per cut), and the first best is kept.
 */
export function resampledMaxSic(events: RankedEvents, multiplicity: Uint8Array, minBackground: number): number {
  const { signal, background, groupEnd, isBackground } = events;
  let s = 0;
  let b = 0;
  let nb = 0;
  let bestS = 0;
  let bestB = 0;
  for (let k = 0; k < multiplicity.length; k++) {
    const times = multiplicity[k]!;
    s += times * signal[k]!;
    b += times * background[k]!;
    nb += times * isBackground[k]!;
    if (groupEnd[k] && nb >= minBackground && b > 0 && (bestB === 0 || s * s * bestB > bestS * bestS * b)) {
      bestS = s;
      bestB = b;
    }
  }
  return s > 0 && b > 0 && bestB > 0 ? (bestS / Math.sqrt(bestB)) * (Math.sqrt(b) / s) : NaN;
}

/** Events between two checkpoints of a resample's running sums (see Cumulative). */
const BLOCK = 1024;

/**
 * A resample's running (signal, background) sums at every BLOCK-th event, for the metrics that stop at one cut: after
 * one pass for the totals, the cut is found among the checkpoints and walked to from the one before it, so a
 * resample costs one pass and at most a block and a tie group more, where a walk after the totals was a second pass.
 * The sums at any event are those of one walk from the top (same additions in the same order), bit for bit.
 */
export class Cumulative {
  private signalAt = new Float64Array(1);
  private backgroundAt = new Float64Array(1);
  private multiplicity: Uint8Array = new Uint8Array(0);
  totalSignal = 0;
  totalBackground = 0;

  constructor(readonly events: RankedEvents) {}

  /** Takes the totals and checkpoints of a resample. */
  run(multiplicity: Uint8Array): this {
    this.multiplicity = multiplicity;
    const checkpoints = Math.ceil(multiplicity.length / BLOCK) + 1;
    if (this.signalAt.length < checkpoints) {
      this.signalAt = new Float64Array(checkpoints);
      this.backgroundAt = new Float64Array(checkpoints);
    }
    [this.totalSignal, this.totalBackground] = checkpointSums(this.events, multiplicity, this.signalAt, this.backgroundAt);
    return this;
  }

  /** [signal, background] summed over events 0..k (k = −1: none). */
  through(k: number): [number, number] {
    const j = Math.floor((k + 1) / BLOCK);
    return walkSums(this.events, this.multiplicity, j * BLOCK, k + 1, this.signalAt[j]!, this.backgroundAt[j]!);
  }

  /**
   * The first event at which the running signal (or background) sum satisfies `reached` (sums never decrease, and
   * `reached` must stay true once true); −1 when none does.
   */
  firstReaching(background: boolean, reached: (sum: number) => boolean): number {
    const at = background ? this.backgroundAt : this.signalAt;
    const n = this.multiplicity.length;
    for (let j = 0; j * BLOCK < n; j++) {
      if (!reached(at[j + 1]!)) continue;
      const { signal, background: bg } = this.events;
      let s = this.signalAt[j]!;
      let b = this.backgroundAt[j]!;
      for (let k = j * BLOCK; k < Math.min(n, (j + 1) * BLOCK); k++) {
        s += this.multiplicity[k]! * signal[k]!;
        b += this.multiplicity[k]! * bg[k]!;
        if (reached(background ? b : s)) return k;
      }
    }
    return -1;
  }
}

/** The totals, with the running sums before every BLOCK-th event (and after the last) in signalAt / backgroundAt. */
function checkpointSums(
  events: RankedEvents,
  multiplicity: Uint8Array,
  signalAt: Float64Array,
  backgroundAt: Float64Array,
): [number, number] {
  const n = multiplicity.length;
  let s = 0;
  let b = 0;
  let j = 0;
  for (let start = 0; start < n; start += BLOCK) {
    signalAt[j] = s;
    backgroundAt[j++] = b;
    [s, b] = walkSums(events, multiplicity, start, Math.min(n, start + BLOCK), s, b);
  }
  signalAt[j] = s;
  backgroundAt[j] = b;
  return [s, b];
}

/** (s, b) carried on over events [from, to). */
function walkSums(events: RankedEvents, multiplicity: Uint8Array, from: number, to: number, s: number, b: number): [number, number] {
  const { signal, background } = events;
  for (let k = from; k < to; k++) {
    s += multiplicity[k]! * signal[k]!;
    b += multiplicity[k]! * background[k]!;
  }
  return [s, b];
}

/**
 * ε_S at ε_B (step rule of efficiencyAtBackgroundFromSteps): the signal kept by the last cut before ε_B is exceeded.
 * `sums`: reused from one resample to the next.
 */
export function resampledEfficiency(
  events: RankedEvents,
  multiplicity: Uint8Array,
  backgroundEfficiency: number,
  sums = new Cumulative(events),
): number {
  const { totalSignal, totalBackground } = sums.run(multiplicity);
  if (!(totalSignal > 0 && totalBackground > 0)) return NaN;
  // The first event past ε_B lies in the first group whose cut exceeds it; the cut before ends just above that group.
  const past = sums.firstReaching(true, (b) => b / totalBackground > backgroundEfficiency);
  if (past < 0) return 1;
  let lastEnd = past - 1;
  while (lastEnd >= 0 && !events.groupEnd[lastEnd]) lastEnd--;
  return sums.through(lastEnd)[0] / totalSignal;
}

/** 1/ε_B at ε_S (step rule of rejectionAtSignalFromSteps): the background kept by the first cut that reaches ε_S. */
export function resampledRejection(
  events: RankedEvents,
  multiplicity: Uint8Array,
  signalEfficiency: number,
  sums = new Cumulative(events),
): number {
  const { totalSignal, totalBackground } = sums.run(multiplicity);
  if (!(totalSignal > 0 && totalBackground > 0)) return NaN;
  const reaching = sums.firstReaching(false, (s) => s / totalSignal >= signalEfficiency);
  if (reaching < 0) return NaN;
  let groupEnd = reaching;
  while (!events.groupEnd[groupEnd]) groupEnd++;
  return totalBackground / sums.through(groupEnd)[1];
}
