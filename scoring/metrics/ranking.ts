/**
 * Shared ranking for score-based metrics: events sorted by descending score with an LSD radix sort on the top 32
 * bits of the IEEE-754 representation (O(n), no comparator calls), finished by ordering the few short runs of events
 * whose top bits tie; then cumulative signal/background sums at each distinct score.
 * Equal scores form one group: a cut can only take a whole tie group, which is what "ties averaged" means.
 */

import { HI, wordsOf } from "./float-words";
import { rankingTotals, walkGroups } from "./ranked-walk";
import type { StepSink } from "./roc-summary";
import { FRESH, type Workspace } from "./workspace";

/** Events by descending score, each with its signed weight (see signedWeights): all a walk over cuts needs. */
export interface ScoreRanking {
  /** The scores by descending value (−0 as 0); equal scores keep the events' given order. */
  sorted: Float64Array;
  /** signed[k]: the signed weight of the event scored sorted[k]. */
  signed: Float64Array;
}

/**
 * LSD passes sort only the key bits that vary: scores of one classifier share the sign and the top exponent bits
 * (for scores in (0, 1), about 24 of the 32 bits vary), and two passes over those are much cheaper than three over
 * all 32. Digits are at most 13 bits: 8,192 buckets keep the scatter's write streams cache-friendly, where 16-bit
 * digits (65,536 streams) thrash the cache. Sorting the top word only halves the passes of a full 64-bit sort; the
 * low word is only needed where top words tie (sign, exponent and 20 mantissa bits equal: a few percent of the
 * events, in short runs). The passes move each event's score and signed weight themselves, not an index to them:
 * the walk then reads both in order, where fetching them through an index afterwards was two random reads per event.
 */
const MAX_DIGIT_BITS = 13;
/** Longest run of equal top words left to insertion sort. */
const SHORT_RUN = 16;

/**
 * The sort key of a score's top word h, without a branch: ascending key = descending score (negative floats keep their
 * bits, larger magnitude = smaller score; non-negative ones get every bit but the sign flipped).
 */
function keyOf(h: number): number {
  return (h ^ (~(h >> 31) & 0x7fffffff)) >>> 0;
}

/**
 * values[k] = scores[rows[k]] (scores[k] when rows is undefined), −0 as +0 so that both zeros tie; returns the key bits
 * that differ between events. Each loop of the sort is a function of its own: V8 optimises a hot loop in a long
 * function only on entry to the loop, and code after it that has never run sends it back to the interpreter on every
 * call.
 */
function gatherValues(scores: Float64Array, rows: Int32Array | undefined, values: Float64Array): number {
  const words = wordsOf(values);
  let all = -1; // bits set in every key
  let any = 0; // bits set in some key
  for (let k = 0; k < values.length; k++) {
    values[k] = scores[rows === undefined ? k : rows[k]!]! + 0;
    const key = keyOf(words[2 * k + HI]!);
    all &= key;
    any |= key;
  }
  return (any & ~all) >>> 0;
}

/**
 * The digit counts of every pass at once (digit p of a key: (key >>> (low + p·width)) & (2^width − 1), counted in
 * counts[p·2^width + digit]): LSD passes are independent in what they count, so one read of the keys serves them all.
 */
function countDigits(values: Float64Array, low: number, width: number, passes: number, counts: Int32Array): void {
  const words = wordsOf(values);
  const size = 1 << width;
  const digitMask = size - 1;
  const shift1 = low + width;
  const shift2 = low + 2 * width;
  counts.fill(0);
  for (let k = 0; k < values.length; k++) {
    const key = keyOf(words[2 * k + HI]!);
    counts[(key >>> low) & digitMask]!++;
    if (passes > 1) counts[size + ((key >>> shift1) & digitMask)]!++;
    if (passes > 2) counts[2 * size + ((key >>> shift2) & digitMask)]!++;
  }
}

/** Turns counts into bucket starts. */
function bucketStarts(counts: Int32Array): void {
  let sum = 0;
  for (let d = 0; d < counts.length; d++) {
    const c = counts[d]!;
    counts[d] = sum;
    sum += c;
  }
}

/** One stable counting-sort pass on the digit (key >>> shift) & digitMask, from (values, signed) into (values2, signed2). */
function radixPass(
  values: Float64Array,
  signed: Float64Array,
  values2: Float64Array,
  signed2: Float64Array,
  shift: number,
  counts: Int32Array,
): void {
  const words = wordsOf(values);
  const digitMask = counts.length - 1;
  bucketStarts(counts);
  for (let k = 0; k < values.length; k++) {
    const at = counts[(keyOf(words[2 * k + HI]!) >>> shift) & digitMask]!++;
    values2[at] = values[k]!;
    signed2[at] = signed[k]!;
  }
}

/**
 * Sorts sorted[a, b) and signed[a, b) by descending score, ties in their present order (stable: the passes kept the
 * events' order). Insertion for the usual short runs; a long run (scores crowded within 2^-20 of each other) goes
 * through a stable comparison sort of its positions, so that no input makes this quadratic.
 */
function orderRun(sorted: Float64Array, signed: Float64Array, a: number, b: number): void {
  if (b - a > SHORT_RUN) {
    const runSorted = sorted.slice(a, b);
    const runSigned = signed.slice(a, b);
    const byScore = Array.from({ length: b - a }, (_, i) => i).sort((x, y) => runSorted[y]! - runSorted[x]! || x - y);
    byScore.forEach((i, j) => {
      sorted[a + j] = runSorted[i]!;
      signed[a + j] = runSigned[i]!;
    });
    return;
  }
  for (let k = a + 1; k < b; k++) {
    const w = signed[k]!;
    const v = sorted[k]!;
    let j = k;
    while (j > a && sorted[j - 1]! < v) {
      sorted[j] = sorted[j - 1]!;
      signed[j] = signed[j - 1]!;
      j--;
    }
    sorted[j] = v;
    signed[j] = w;
  }
}

/** Orders each run of equal top words by the full score (equal sign and exponent: comparing doubles compares low words). */
function orderRuns(sorted: Float64Array, signed: Float64Array): void {
  const words = wordsOf(sorted);
  const m = sorted.length;
  for (let a = 0; a < m;) {
    const h = words[2 * a + HI]!;
    let b = a + 1;
    while (b < m && words[2 * b + HI] === h) b++;
    if (b - a > 1) orderRun(sorted, signed, a, b);
    a = b;
  }
}

/**
 * +w for a signal event, −w for a background one (−0 for a background event of weight 0): one array carries label
 * and weight through the sort, and the walk reads the label from the sign bit. Of `rows` when given (then out[k]
 * belongs to rows[k]); `weights` null = 1 each. Weights must be finite and not negative (a negative one would pass
 * for the other label).
 */
export function signedWeights(labels: Uint8Array, weights: Float64Array | null, rows?: Int32Array): Float64Array {
  const m = rows === undefined ? labels.length : rows.length;
  const out = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const row = rows === undefined ? k : rows[k]!;
    const w = weights === null ? 1 : weights[row]!;
    if (!(w >= 0 && w < Infinity)) throw new RangeError(`weight ${w} of event ${row} is not a finite non-negative number`);
    // w·(±1) rather than a branch on the label, which the CPU cannot predict (labels are random in row order).
    out[k] = w * (2 * ((labels[row]! + 255) >> 8) - 1);
  }
  return out;
}

/** The rows with mask[row] !== 0, in row order (what rankByScore ranks of a masked set). */
export function maskedRows(mask: Uint8Array): Int32Array {
  let m = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) m++;
  const rows = new Int32Array(m);
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i]) rows[k++] = i;
  return rows;
}

/**
 * Ranks the scores of `rows` (ascending row indices; all rows when undefined) with their signed weights (`signed[k]`
 * belongs to the k-th ranked row, see signedWeights). `ws`: where the arrays come from (the ranking then lives only
 * until the workspace's next use).
 */
export function rankByScore(scores: Float64Array, signed: Float64Array, rows?: Int32Array, ws: Workspace = FRESH): ScoreRanking {
  const m = rows === undefined ? scores.length : rows.length;
  if (signed.length !== m) throw new RangeError(`${signed.length} signed weights for ${m} events`);
  const values = ws.float64("rank.values", m);
  const varying = gatherValues(scores, rows, values);
  // The passes alternate between two pairs of arrays; the first reads the events in their given order.
  let sorted = ws.float64("rank.sorted", m);
  let sortedSigned = ws.float64("rank.signed", m);
  if (varying === 0) {
    sorted.set(values);
    sortedSigned.set(signed);
  } else {
    const low = 31 - Math.clz32(varying & -varying);
    const bits = 32 - Math.clz32(varying) - low;
    const passes = Math.ceil(bits / MAX_DIGIT_BITS);
    const width = Math.ceil(bits / passes);
    const size = 1 << width;
    const counts = ws.int32("rank.counts", passes * size);
    countDigits(values, low, width, passes, counts);
    let sorted2 = ws.float64("rank.sorted2", m);
    let signed2 = ws.float64("rank.signed2", m);
    radixPass(values, signed, sorted, sortedSigned, low, counts.subarray(0, size));
    for (let pass = 1; pass < passes; pass++) {
      radixPass(sorted, sortedSigned, sorted2, signed2, low + pass * width, counts.subarray(pass * size, (pass + 1) * size));
      [sorted, sorted2, sortedSigned, signed2] = [sorted2, sorted, signed2, sortedSigned];
    }
  }
  // Events are now in order of their top words, stably; each run of equal top words is put in order of full scores.
  orderRuns(sorted, sortedSigned);
  return { sorted, signed: sortedSigned };
}

/** The ROC steps of the events with mask[row] !== 0 (of all when mask is undefined); `weights` null = 1 each. */
export function maskedRocSteps(scores: Float64Array, labels: Uint8Array, weights: Float64Array | null, mask?: Uint8Array): RocSteps {
  const rows = mask && maskedRows(mask);
  return rocSteps(rankByScore(scores, signedWeights(labels, weights, rows), rows));
}

/** Cumulative sums after each tie group, from the highest score down. Index 0 is "nothing selected". */
export interface RocSteps {
  /** Number of groups + 1. */
  length: number;
  signal: Float64Array;
  background: Float64Array;
  /** Unweighted number of background events selected (for minimum-statistics cuts such as SIC's). */
  backgroundCount: Float64Array;
  /** Lowest score selected at each step (NaN at step 0). */
  threshold: Float64Array;
  totalSignal: number;
  totalBackground: number;
}

/** Writes each step into RocSteps columns sized for every event (one group per event at most). */
class StepColumns implements StepSink {
  readonly signal: Float64Array;
  readonly background: Float64Array;
  readonly backgroundCount: Float64Array;
  readonly threshold: Float64Array;
  length = 1;

  constructor(events: number) {
    this.signal = new Float64Array(events + 1);
    this.background = new Float64Array(events + 1);
    this.backgroundCount = new Float64Array(events + 1);
    this.threshold = new Float64Array(events + 1);
    this.threshold[0] = NaN;
  }

  step(signal: number, background: number, backgroundCount: number, threshold: number): void {
    const g = this.length++;
    this.signal[g] = signal;
    this.background[g] = background;
    this.backgroundCount[g] = backgroundCount;
    this.threshold[g] = threshold;
  }
}

/** Walks a ranking once, storing every step. */
export function rocSteps(ranking: ScoreRanking): RocSteps {
  const columns = new StepColumns(ranking.sorted.length);
  walkGroups(ranking, columns);
  const [totalSignal, totalBackground] = rankingTotals(ranking);
  const { length } = columns;
  return {
    length,
    signal: columns.signal.subarray(0, length),
    background: columns.background.subarray(0, length),
    backgroundCount: columns.backgroundCount.subarray(0, length),
    threshold: columns.threshold.subarray(0, length),
    totalSignal,
    totalBackground,
  };
}
