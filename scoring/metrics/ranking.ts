/**
 * Shared ranking for score-based metrics: rows sorted by descending score with an LSD radix sort on the
 * IEEE-754 bits (O(n), no comparator calls), then cumulative signal/background sums at each distinct score.
 * Equal scores form one group: a cut can only take a whole tie group, which is what "ties averaged" means.
 */

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = littleEndian ? 0 : 1;
const HI = littleEndian ? 1 : 0;

/** Rows sorted by descending score, with the scores in that order (read sequentially, not through order). */
export interface ScoreRanking {
  /** Row indices (those with mask[row] !== 0, or all), by descending score; ties keep row order. */
  order: Int32Array;
  /** sorted[k] = scores[order[k]] (with -0 as 0). */
  sorted: Float64Array;
}

/**
 * 64-bit keys sorted as six digits of 11, 11 and 10 bits per 32-bit word (low word first): 2,048 buckets keep the
 * scatter's write streams cache-friendly, where 16-bit digits (65,536 streams) thrash the cache.
 */
const SHIFTS = [0, 11, 22, 0, 11, 22] as const;
const MASKS = [0x7ff, 0x7ff, 0x3ff, 0x7ff, 0x7ff, 0x3ff] as const;
const BUCKETS = 2048;

export function rankByScore(scores: Float64Array, mask?: Uint8Array): ScoreRanking {
  const n = scores.length;
  let m = n;
  if (mask) {
    m = 0;
    for (let i = 0; i < n; i++) if (mask[i]) m++;
  }
  let idx = new Int32Array(m);
  let hi = new Uint32Array(m);
  let lo = new Uint32Array(m);
  const bits = new Uint32Array(2);
  const asFloat = new Float64Array(bits.buffer);
  for (let i = 0, k = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    // +0 for -0, so both zeros tie.
    asFloat[0] = scores[i]! + 0;
    const h = bits[HI]!;
    const l = bits[LO]!;
    // Key ascending = score descending: negative floats keep their bits (larger magnitude = smaller score);
    // non-negative ones get every bit but the sign flipped.
    const negative = h >>> 31 === 1;
    hi[k] = negative ? h : (h ^ 0x7fffffff) >>> 0;
    lo[k] = negative ? l : ~l >>> 0;
    idx[k++] = i;
  }
  // All six histograms in one read of the keys.
  const counts = new Int32Array(6 * BUCKETS);
  for (let k = 0; k < m; k++) {
    const l = lo[k]!;
    const h = hi[k]!;
    counts[l & 0x7ff]!++;
    counts[BUCKETS + ((l >>> 11) & 0x7ff)]!++;
    counts[2 * BUCKETS + (l >>> 22)]!++;
    counts[3 * BUCKETS + (h & 0x7ff)]!++;
    counts[4 * BUCKETS + ((h >>> 11) & 0x7ff)]!++;
    counts[5 * BUCKETS + (h >>> 22)]!++;
  }
  let idx2 = new Int32Array(m);
  let hi2 = new Uint32Array(m);
  let lo2 = new Uint32Array(m);
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * BUCKETS;
    const shift = SHIFTS[pass]!;
    const digitMask = MASKS[pass]!;
    const keys = pass < 3 ? lo : hi;
    // A digit shared by every key leaves the order unchanged: skip the scatter (common for the top bits).
    if (m === 0 || counts[base + ((keys[0]! >>> shift) & digitMask)] === m) continue;
    let sum = 0;
    for (let d = base; d < base + BUCKETS; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let k = 0; k < m; k++) {
      const at = counts[base + ((keys[k]! >>> shift) & digitMask)]!++;
      idx2[at] = idx[k]!;
      hi2[at] = hi[k]!;
      lo2[at] = lo[k]!;
    }
    [idx, idx2] = [idx2, idx];
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
  }
  // Undo the key transform to get the sorted scores without a random read per row.
  const sorted = new Float64Array(m);
  const sortedWords = new Uint32Array(sorted.buffer);
  for (let k = 0; k < m; k++) {
    const h = hi[k]!;
    const negative = h >>> 31 === 1;
    sortedWords[2 * k + HI] = negative ? h : (h ^ 0x7fffffff) >>> 0;
    sortedWords[2 * k + LO] = negative ? lo[k]! : ~lo[k]! >>> 0;
  }
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

/**
 * Walks a ranking once. `weights` null means 1 per event.
 */
export function rocSteps(
  ranking: ScoreRanking,
  labels: Uint8Array,
  weights: Float64Array | null,
): RocSteps {
  const { order, sorted } = ranking;
  const m = order.length;
  const signal = new Float64Array(m + 1);
  const background = new Float64Array(m + 1);
  const backgroundCount = new Float64Array(m + 1);
  const threshold = new Float64Array(m + 1);
  threshold[0] = NaN;
  let s = 0;
  let b = 0;
  let nb = 0;
  let g = 0;
  for (let k = 0; k < m; k++) {
    const row = order[k]!;
    const w = weights ? weights[row]! : 1;
    if (labels[row]) s += w;
    else {
      b += w;
      nb++;
    }
    const score = sorted[k]!;
    if (k === m - 1 || sorted[k + 1] !== score) {
      g++;
      signal[g] = s;
      background[g] = b;
      backgroundCount[g] = nb;
      threshold[g] = score;
    }
  }
  return {
    length: g + 1,
    signal: signal.subarray(0, g + 1),
    background: background.subarray(0, g + 1),
    backgroundCount: backgroundCount.subarray(0, g + 1),
    threshold: threshold.subarray(0, g + 1),
    totalSignal: s,
    totalBackground: b,
  };
}
