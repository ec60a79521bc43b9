/**
 * Shared ranking for score-based metrics: rows sorted by descending score with an LSD radix sort on the top 32
 * bits of the IEEE-754 representation (O(n), no comparator calls), finished by ordering the few short runs of rows
 * whose top bits tie; then cumulative signal/background sums at each distinct score.
 * Equal scores form one group: a cut can only take a whole tie group, which is what "ties averaged" means.
 */

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const HI = littleEndian ? 1 : 0;
const LO = 1 - HI;

/** Rows sorted by descending score, with the scores in that order (read sequentially, not through order). */
export interface ScoreRanking {
  /** Row indices (those with mask[row] !== 0, or all), by descending score; ties keep row order. */
  order: Int32Array;
  /** sorted[k] = scores[order[k]] (with -0 as 0). */
  sorted: Float64Array;
}

/**
 * The 32-bit key is sorted as three digits of 11, 11 and 10 bits: 2,048 buckets keep the scatter's write streams
 * cache-friendly, where 16-bit digits (65,536 streams) thrash the cache. Sorting the top word only halves the
 * passes and the data moved of a full 64-bit sort; the low word is only needed where top words tie (sign, exponent
 * and 20 mantissa bits equal: a few percent of the rows, in short runs).
 */
const SHIFTS = [0, 11, 22] as const;
const MASKS = [0x7ff, 0x7ff, 0x3ff] as const;
const BUCKETS = 2048;
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

export function rankByScore(scores: Float64Array, mask?: Uint8Array): ScoreRanking {
  const n = scores.length;
  let m = n;
  if (mask) {
    m = 0;
    for (let i = 0; i < n; i++) if (mask[i]) m++;
  }
  const words = new Uint32Array(scores.buffer, scores.byteOffset, 2 * n);
  let idx = new Int32Array(m);
  let key = new Uint32Array(m);
  for (let i = 0, k = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    let h = words[2 * i + HI]!;
    // -0 as +0, so both zeros tie.
    if (h === 0x80000000 && words[2 * i + LO] === 0) h = 0;
    // Key ascending = score descending: negative floats keep their bits (larger magnitude = smaller score);
    // non-negative ones get every bit but the sign flipped.
    key[k] = h >>> 31 === 1 ? h : (h ^ 0x7fffffff) >>> 0;
    idx[k++] = i;
  }
  // The three histograms in one read of the keys.
  const counts = new Int32Array(3 * BUCKETS);
  for (let k = 0; k < m; k++) {
    const h = key[k]!;
    counts[h & 0x7ff]!++;
    counts[BUCKETS + ((h >>> 11) & 0x7ff)]!++;
    counts[2 * BUCKETS + (h >>> 22)]!++;
  }
  let idx2 = new Int32Array(m);
  let key2 = new Uint32Array(m);
  for (let pass = 0; pass < 3; pass++) {
    const base = pass * BUCKETS;
    const shift = SHIFTS[pass]!;
    const digitMask = MASKS[pass]!;
    // A digit shared by every key leaves the order unchanged: skip the scatter (common for the top bits).
    if (m === 0 || counts[base + ((key[0]! >>> shift) & digitMask)] === m) continue;
    let sum = 0;
    for (let d = base; d < base + BUCKETS; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let k = 0; k < m; k++) {
      const h = key[k]!;
      const at = counts[base + ((h >>> shift) & digitMask)]!++;
      idx2[at] = idx[k]!;
      key2[at] = h;
    }
    [idx, idx2] = [idx2, idx];
    [key, key2] = [key2, key];
  }
  // Rows are now in order of their top words, stably. Order each run of equal top words by the full score (equal
  // sign and exponent, so comparing the doubles compares the low words), ties in row order: insertion for the
  // usual short runs, a comparison sort for long ones (scores crowded within 2^-20 of each other), so that no input
  // makes this quadratic. The scores are gathered first, in a loop without branches, so the CPU overlaps its cache
  // misses.
  const sorted = new Float64Array(m);
  for (let k = 0; k < m; k++) sorted[k] = scores[idx[k]!]! + 0;
  for (let a = 0; a < m; ) {
    const h = key[a]!;
    let b = a + 1;
    while (b < m && key[b] === h) b++;
    if (b - a > 1) orderRun(idx, sorted, a, b, scores);
    a = b;
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
    // Branch-free on the label (1 for any non-zero byte), which is random along the ranking: a mispredicted branch
    // would also cancel the overlapped cache misses of the weights' random reads. Adding w·0 leaves sums unchanged.
    const isSignal = (labels[row]! + 255) >> 8;
    s += w * isSignal;
    b += w * (1 - isSignal);
    nb += 1 - isSignal;
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
