/**
 * Shared ranking for score-based metrics: events sorted by descending score with an LSD radix sort on the top 32
 * bits of the IEEE-754 representation (O(n), no comparator calls), finished by ordering the few short runs of events
 * whose top bits tie; then cumulative signal/background sums at each distinct score.
 * Equal scores form one group: a cut can only take a whole tie group, which is what "ties averaged" means.
 */

import { layOut, layoutTotals, walkGroups } from "./ranked-walk";
import type { StepSink } from "./roc-summary";
import { FRESH, type Workspace } from "./workspace";

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const HI = littleEndian ? 1 : 0;

/** Events by descending score, with the scores in that order (read sequentially, not through order). */
export interface ScoreRanking {
  /**
   * The ranked events by descending score, ties in their given order: each as its index in the scores, or, when
   * `rows` were given, its position k in rows (the event of row rows[k]), so that a subset's own arrays index it.
   */
  order: Int32Array;
  /** sorted[k] = the score of event order[k] (with -0 as 0). */
  sorted: Float64Array;
}

/**
 * LSD passes sort only the key bits that vary: scores of one classifier share the sign and the top exponent bits
 * (for scores in (0, 1), about 24 of the 32 bits vary), and two passes over those are much cheaper than three over
 * all 32. Digits are at most 13 bits: 8,192 buckets keep the scatter's write streams cache-friendly, where 16-bit
 * digits (65,536 streams) thrash the cache. Sorting the top word only halves the passes of a full 64-bit sort; the
 * low word is only needed where top words tie (sign, exponent and 20 mantissa bits equal: a few percent of the
 * events, in short runs). The passes move each score itself with its event, not only a key: the sorted scores are
 * then read in order, where fetching them through the order afterwards was a random read per event.
 */
const MAX_DIGIT_BITS = 13;
/** Longest run of equal top words left to insertion sort. */
const SHORT_RUN = 16;

/** The sort key of a score's top word h: ascending key = descending score (negative floats keep their bits, larger
 * magnitude = smaller score; non-negative ones get every bit but the sign flipped). Without a branch. */
function keyOf(h: number): number {
  return (h ^ (~(h >> 31) & 0x7fffffff)) >>> 0;
}

/** The top 32-bit words of a Float64Array's elements: words[2k + HI]. */
function wordsOf(values: Float64Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
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

/**
 * One stable counting-sort pass on the digit (key >>> shift) & digitMask, from (values, idx) into (values2, idx2);
 * idx null = the first pass, whose events are their own positions.
 */
function radixPass(values: Float64Array, idx: Int32Array | null, values2: Float64Array, idx2: Int32Array, shift: number, counts: Int32Array): void {
  const words = wordsOf(values);
  const digitMask = counts.length - 1;
  bucketStarts(counts);
  for (let k = 0; k < values.length; k++) {
    const at = counts[(keyOf(words[2 * k + HI]!) >>> shift) & digitMask]!++;
    values2[at] = values[k]!;
    idx2[at] = idx === null ? k : idx[k]!;
  }
}

/** Sorts sorted[a, b) and idx[a, b) by descending score, ties in event order (`values`: the scores by event). */
function orderRun(idx: Int32Array, sorted: Float64Array, a: number, b: number, values: Float64Array): void {
  if (b - a > SHORT_RUN) {
    idx.subarray(a, b).sort((x, y) => values[y]! - values[x]! || x - y);
    for (let k = a; k < b; k++) sorted[k] = values[idx[k]!]!;
    return;
  }
  for (let k = a + 1; k < b; k++) {
    const event = idx[k]!;
    const v = sorted[k]!;
    let j = k;
    while (j > a && sorted[j - 1]! < v) {
      sorted[j] = sorted[j - 1]!;
      idx[j] = idx[j - 1]!;
      j--;
    }
    sorted[j] = v;
    idx[j] = event;
  }
}

/** Orders each run of equal top words by the full score (see orderRun). */
function orderRuns(idx: Int32Array, sorted: Float64Array, values: Float64Array): void {
  const words = wordsOf(sorted);
  const m = sorted.length;
  for (let a = 0; a < m; ) {
    const h = words[2 * a + HI]!;
    let b = a + 1;
    while (b < m && words[2 * b + HI] === h) b++;
    if (b - a > 1) orderRun(idx, sorted, a, b, values);
    a = b;
  }
}

/** out[k] = values[rows[k]]: a subset's values as an array of their own (`rows` ascending, so read almost in order). */
export function gatherRows<T extends Float64Array | Uint8Array>(values: T, rows: Int32Array, out: T): T {
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]!]!;
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
 * Ranks the scores of `rows` (ascending row indices; all rows when undefined). `ws`: where the arrays come from (the
 * ranking then lives only until the workspace's next use).
 */
export function rankByScore(scores: Float64Array, rows?: Int32Array, ws: Workspace = FRESH): ScoreRanking {
  const m = rows === undefined ? scores.length : rows.length;
  const values = ws.float64("rank.values", m);
  const varying = gatherValues(scores, rows, values);
  // Events now in their given order; the passes alternate between two pairs of arrays.
  let sorted = ws.float64("rank.sorted", m);
  let idx = ws.int32("rank.order", m);
  if (varying === 0) {
    sorted.set(values);
    for (let k = 0; k < m; k++) idx[k] = k;
  } else {
    const low = 31 - Math.clz32(varying & -varying);
    const bits = 32 - Math.clz32(varying) - low;
    const passes = Math.ceil(bits / MAX_DIGIT_BITS);
    const width = Math.ceil(bits / passes);
    const size = 1 << width;
    const counts = ws.int32("rank.counts", passes * size);
    countDigits(values, low, width, passes, counts);
    let sorted2 = ws.float64("rank.sorted2", m);
    let idx2 = ws.int32("rank.order2", m);
    // Pass p writes the pair that ends up holding the result after the last pass.
    if (passes % 2 === 0) [sorted, sorted2, idx, idx2] = [sorted2, sorted, idx2, idx];
    radixPass(values, null, sorted, idx, low, counts.subarray(0, size));
    for (let pass = 1; pass < passes; pass++) {
      radixPass(sorted, idx, sorted2, idx2, low + pass * width, counts.subarray(pass * size, (pass + 1) * size));
      [sorted, sorted2, idx, idx2] = [sorted2, sorted, idx2, idx];
    }
  }
  // Events are now in order of their top words, stably. Order each run of equal top words by the full score (equal
  // sign and exponent, so comparing the doubles compares the low words), ties in event order: insertion for the
  // usual short runs, a comparison sort for long ones (scores crowded within 2^-20 of each other), so that no input
  // makes this quadratic.
  orderRuns(idx, sorted, values);
  return { order: idx, sorted };
}

/** The ROC steps of the events with mask[row] !== 0 (of all when mask is undefined); `weights` null = 1 each. */
export function maskedRocSteps(scores: Float64Array, labels: Uint8Array, weights: Float64Array | null, mask?: Uint8Array): RocSteps {
  if (mask === undefined) return rocSteps(rankByScore(scores), labels, weights);
  const rows = maskedRows(mask);
  const subsetWeights = weights && gatherRows(weights, rows, new Float64Array(rows.length));
  return rocSteps(rankByScore(scores, rows), gatherRows(labels, rows, new Uint8Array(rows.length)), subsetWeights);
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

/**
 * Walks a ranking once: labels[order[k]] and weights[order[k]] belong to the k-th ranked event (so for a ranking of
 * rows, the rows' own labels and weights, see gatherRows). `weights` null means 1 per event.
 */
export function rocSteps(ranking: ScoreRanking, labels: Uint8Array, weights: Float64Array | null): RocSteps {
  const events = layOut(ranking, labels, weights);
  const columns = new StepColumns(ranking.order.length);
  walkGroups(events, columns);
  const [totalSignal, totalBackground] = layoutTotals(events);
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
