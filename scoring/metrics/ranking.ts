/**
 * Shared ranking for score-based metrics: rows sorted by descending score with an LSD radix sort on the top 32
 * bits of the IEEE-754 representation (O(n), no comparator calls), finished by ordering the few short runs of rows
 * whose top bits tie; then cumulative signal/background sums at each distinct score.
 * Equal scores form one group: a cut can only take a whole tie group, which is what "ties averaged" means.
 */

import { layOut, layoutTotals, walkGroups } from "./ranked-walk";
import type { StepSink } from "./roc-summary";
import { FRESH, type Workspace } from "./workspace";

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const HI = littleEndian ? 1 : 0;
const LO = 1 - HI;

/** Rows sorted by descending score, with the scores in that order (read sequentially, not through order). */
export interface ScoreRanking {
  /** Row indices (the ranked rows), by descending score; ties keep row order. */
  order: Int32Array;
  /** sorted[k] = scores[order[k]] (with -0 as 0). */
  sorted: Float64Array;
}

/**
 * LSD passes sort only the key bits that vary: scores of one classifier share the sign and the top exponent bits
 * (for scores in (0, 1), about 24 of the 32 bits vary), and two passes over those are much cheaper than three over
 * all 32. Digits are at most 13 bits: 8,192 buckets keep the scatter's write streams cache-friendly, where 16-bit
 * digits (65,536 streams) thrash the cache. Sorting the top word only halves the passes and the data moved of a full
 * 64-bit sort; the low word is only needed where top words tie (sign, exponent and 20 mantissa bits equal: a few
 * percent of the rows, in short runs).
 */
const MAX_DIGIT_BITS = 13;
/** Longest run of equal top words left to insertion sort. */
const SHORT_RUN = 16;

/** Sorts idx[a, b) and sorted[a, b) by descending score, ties in row order. */
function orderRun(idx: Int32Array, sorted: Float64Array, a: number, b: number, scores: Float64Array): void {
  if (b - a > SHORT_RUN) {
    idx.subarray(a, b).sort((x, y) => scores[y]! - scores[x]! || x - y);
    for (let k = a; k < b; k++) sorted[k] = scores[idx[k]!]! + 0;
    return;
  }
  for (let k = a + 1; k < b; k++) {
    const row = idx[k]!;
    const v = sorted[k]!;
    let j = k;
    while (j > a && sorted[j - 1]! < v) {
      sorted[j] = sorted[j - 1]!;
      idx[j] = idx[j - 1]!;
      j--;
    }
    sorted[j] = v;
    idx[j] = row;
  }
}

/**
 * Fills key[k], idx[k] for the ranked rows (rows[k], or k when rows is undefined) and returns the key bits that
 * differ between rows. Each loop of the sort is a function of its own: V8 optimises a hot loop in a long function
 * only on entry to the loop, and code after it that has never run sends it back to the interpreter on every call.
 */
function buildKeys(scores: Float64Array, rows: Int32Array | undefined, key: Uint32Array, idx: Int32Array): number {
  const words = new Uint32Array(scores.buffer, scores.byteOffset, 2 * scores.length);
  let all = -1; // bits set in every key
  let any = 0; // bits set in some key
  for (let k = 0; k < key.length; k++) {
    const i = rows === undefined ? k : rows[k]!;
    let h = words[2 * i + HI]!;
    // -0 as +0, so both zeros tie.
    if (h === 0x80000000 && words[2 * i + LO] === 0) h = 0;
    // Key ascending = score descending: negative floats keep their bits (larger magnitude = smaller score);
    // non-negative ones get every bit but the sign flipped.
    const kv = h >>> 31 === 1 ? h : (h ^ 0x7fffffff) >>> 0;
    key[k] = kv;
    all &= kv;
    any |= kv;
    idx[k] = i;
  }
  return (any & ~all) >>> 0;
}

/**
 * The digit counts of every pass at once (digit p of a key: (key >>> (low + p·width)) & (2^width − 1), counted in
 * counts[p·2^width + digit]): LSD passes are independent in what they count, so one read of the keys serves them all.
 */
function countDigits(key: Uint32Array, low: number, width: number, passes: number, counts: Int32Array): void {
  const size = 1 << width;
  const digitMask = size - 1;
  const shift1 = low + width;
  const shift2 = low + 2 * width;
  counts.fill(0);
  for (let k = 0; k < key.length; k++) {
    const h = key[k]!;
    counts[(h >>> low) & digitMask]!++;
    if (passes > 1) counts[size + ((h >>> shift1) & digitMask)]!++;
    if (passes > 2) counts[2 * size + ((h >>> shift2) & digitMask)]!++;
  }
}

/** One stable counting-sort pass on the digit (key >>> shift) & digitMask, from (key, idx) into (key2, idx2). */
function radixPass(key: Uint32Array, idx: Int32Array, key2: Uint32Array, idx2: Int32Array, shift: number, counts: Int32Array): void {
  const m = key.length;
  const digitMask = counts.length - 1;
  let sum = 0;
  for (let d = 0; d <= digitMask; d++) {
    const c = counts[d]!;
    counts[d] = sum;
    sum += c;
  }
  for (let k = 0; k < m; k++) {
    const h = key[k]!;
    const at = counts[(h >>> shift) & digitMask]!++;
    idx2[at] = idx[k]!;
    key2[at] = h;
  }
}

/** sorted[k] = scores[idx[k]] (−0 as 0): without branches, so the CPU overlaps the cache misses. */
function gather(scores: Float64Array, idx: Int32Array, sorted: Float64Array): void {
  for (let k = 0; k < idx.length; k++) sorted[k] = scores[idx[k]!]! + 0;
}

/** Orders each run of equal keys by the full score (see orderRun). */
function orderRuns(key: Uint32Array, idx: Int32Array, sorted: Float64Array, scores: Float64Array): void {
  const m = key.length;
  for (let a = 0; a < m; ) {
    const h = key[a]!;
    let b = a + 1;
    while (b < m && key[b] === h) b++;
    if (b - a > 1) orderRun(idx, sorted, a, b, scores);
    a = b;
  }
}

/**
 * Sorts (key, idx) pairs by ascending key, stably, on the key bits set in `varying` (the others must be equal in
 * every key); returns the sorted arrays, which are either the ones given or workspace slots `${slot}.key2` and
 * `${slot}.idx2`.
 */
export function radixSort(key: Uint32Array, idx: Int32Array, varying: number, ws: Workspace, slot: string): [Uint32Array, Int32Array] {
  if (varying === 0) return [key, idx];
  const m = key.length;
  const low = 31 - Math.clz32(varying & -varying);
  const bits = 32 - Math.clz32(varying) - low;
  const passes = Math.ceil(bits / MAX_DIGIT_BITS);
  const width = Math.ceil(bits / passes);
  const size = 1 << width;
  const counts = ws.int32(`${slot}.counts`, passes * size);
  countDigits(key, low, width, passes, counts);
  let idx2 = ws.int32(`${slot}.idx2`, m);
  let key2 = ws.uint32(`${slot}.key2`, m);
  for (let pass = 0; pass < passes; pass++) {
    radixPass(key, idx, key2, idx2, low + pass * width, counts.subarray(pass * size, (pass + 1) * size));
    [idx, idx2] = [idx2, idx];
    [key, key2] = [key2, key];
  }
  return [key, idx];
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
 * Ranks `rows` (ascending row indices; all rows when undefined). `ws`: where the arrays come from (the ranking then
 * lives only until the workspace's next use).
 */
export function rankByScore(scores: Float64Array, rows?: Int32Array, ws: Workspace = FRESH): ScoreRanking {
  const m = rows === undefined ? scores.length : rows.length;
  const keys = ws.uint32("rank.key", m);
  const idx0 = ws.int32("rank.idx", m);
  const [key, idx] = radixSort(keys, idx0, buildKeys(scores, rows, keys, idx0), ws, "rank");
  // Rows are now in order of their top words, stably. Order each run of equal top words by the full score (equal
  // sign and exponent, so comparing the doubles compares the low words), ties in row order: insertion for the
  // usual short runs, a comparison sort for long ones (scores crowded within 2^-20 of each other), so that no input
  // makes this quadratic.
  const sorted = ws.float64("rank.sorted", m);
  gather(scores, idx, sorted);
  orderRuns(key, idx, sorted, scores);
  return { order: idx, sorted };
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
 * Walks a ranking once. `weights` null means 1 per event.
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
