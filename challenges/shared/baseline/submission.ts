/**
 * Kaggle's HiggsML submission from scores: `EventId,RankOrder,Class`, RankOrder a permutation of 1..N with N the
 * most signal-like event, Class "s" for the events at or above the threshold chosen on validation.
 *
 * Worked example: ids [10, 11, 12], scores [0.2, 0.9, 0.5], threshold 0.5 →
 *   EventId,RankOrder,Class / 10,1,b / 11,3,s / 12,2,s
 * Equal scores get consecutive ranks in EventId-row order, so the file is a function of the scores alone.
 */
export function rankOrder(scores: ArrayLike<number>): Int32Array {
  const ranks = new Int32Array(scores.length);
  const packed = packedOrder(scores);
  if (packed) {
    for (let k = 0; k < packed.length; k++) ranks[packed[k]! % PACK]! = k + 1;
    return ranks;
  }
  const order = Int32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]! || a - b);
  order.forEach((row, k) => {
    ranks[row] = k + 1;
  });
  return ranks;
}

/** Rows per packed sort key: a 32-bit score key times 2²¹ plus the row stays below 2⁵³, exact in a double. */
const PACK = 2 ** 21;

/**
 * The same order for float32 scores (every model's output) by a native numeric sort of keys, not a comparator
 * call per pair (550,000 scores: ~10× faster): key = the float's bits made monotonic (negative floats flipped),
 * then the row, so equal scores stay in row order. Null when a score is not a float32 (or NaN) or there are too many rows.
 */
function packedOrder(scores: ArrayLike<number>): Float64Array | null {
  const n = scores.length;
  if (n >= PACK) return null;
  const f = new Float32Array(1);
  const bits = new Uint32Array(f.buffer);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = scores[i]!;
    // −0 and 0 are equal scores, so they must get one key.
    f[0] = x === 0 ? 0 : x;
    if (f[0] !== x) return null;
    const b = bits[0]!;
    keys[i] = (b >= 0x80000000 ? 0xffffffff - b : b + 0x80000000) * PACK + i;
  }
  return keys.sort();
}

/** The submission as CSV text (about 20 bytes per event). */
export function kaggleSubmission(eventIds: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): string {
  return new TextDecoder().decode(kaggleSubmissionBytes(eventIds, scores, threshold));
}

const HEADER = new TextEncoder().encode("EventId,RankOrder,Class\n");

/** Writes a non-negative integer's digits at `pos`; returns the position after them. */
function writeDigits(out: Uint8Array, pos: number, value: number): number {
  let end = pos;
  for (let v = value; ; v = Math.floor(v / 10)) {
    end++;
    if (v < 10) break;
  }
  for (let v = value, p = end - 1; p >= pos; v = Math.floor(v / 10), p--) out[p] = 48 + (v % 10);
  return end;
}

/**
 * The same file as bytes, written digit by digit (a 550,000-event file: one buffer instead of half a million
 * strings, which cost more than the scoring). Event ids must be non-negative integers, as in every HiggsML file.
 */
export function kaggleSubmissionBytes(eventIds: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): Uint8Array {
  if (eventIds.length !== scores.length) throw new RangeError(`${eventIds.length} event ids for ${scores.length} scores`);
  const ranks = rankOrder(scores);
  // Id and rank take at most 16 digits each here (safe integers), plus ",", ",", the class and "\n".
  const out = new Uint8Array(HEADER.length + scores.length * 36);
  out.set(HEADER);
  let pos = HEADER.length;
  for (let i = 0; i < scores.length; i++) {
    const id = eventIds[i]!;
    if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`event id ${id} is not a non-negative integer`);
    pos = writeDigits(out, pos, id);
    out[pos++] = 44;
    pos = writeDigits(out, pos, ranks[i]!);
    out[pos++] = 44;
    out[pos++] = scores[i]! >= threshold ? 115 : 98;
    out[pos++] = 10;
  }
  return out.subarray(0, pos);
}
