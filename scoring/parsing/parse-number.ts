/**
 * Number parsing straight from bytes, so a 550,000-row file does not allocate a string per field.
 * Results are identical to JavaScript's Number() on the same text: the fast path only runs where the
 * result is provably exact (see parseDecimal), everything else goes through Number().
 */

const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const utf8 = new TextDecoder("utf-8");

/**
 * The bytes as text (UTF-8, so non-ASCII ids match ids that came from a database as JS strings).
 * Short ASCII fields, the usual case, skip TextDecoder, whose per-call cost dwarfs a 10-byte field.
 */
export function bytesToString(buf: Uint8Array, start: number, end: number): string {
  if (end - start > 64) return utf8.decode(buf.subarray(start, end));
  let text = "";
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c >= 0x80) return utf8.decode(buf.subarray(start, end));
    text += String.fromCharCode(c);
  }
  return text;
}

/** A run of decimal digits as an integer; -1 when empty, not all digits, or beyond 2^53 (never a valid id or rank). */
export function parseDigits(buf: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

// Dekker's exact product without FMA: a·b = p + twoProductError(a, b, p), with operands split into 26-bit halves.
// The error is returned, not left in a module variable: a double written to module state is boxed (a heap
// allocation per call), which made this the hottest line of the parse.
const SPLITTER = 134217729; // 2^27 + 1
function highHalf(a: number): number {
  const c = SPLITTER * a;
  return c - (c - a);
}
function twoProductError(a: number, b: number, p: number): number {
  const ah = highHalf(a);
  const al = a - ah;
  const bh = highHalf(b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** 1/10^k (rounded) and 10^k split into exact halves, for the quotient's correction step below. */
const INV10: readonly number[] = POW10.map((p) => 1 / p);
const POW10_HIGH: readonly number[] = POW10.map(highHalf);
const POW10_LOW: readonly number[] = POW10.map((p, k) => p - POW10_HIGH[k]!);

/** Relative half-width of the "too close to a rounding midpoint" band: 2^-82 ≥ 2^-30 ulp, far above the 2^-100 error. */
const MIDPOINT_TOLERANCE = 2 ** -82;
const TWO_53 = 9007199254740992;

/**
 * storeDecimal's mantissa parts [hi, lo]: passed through this array, not as arguments, because a call V8 does not
 * inline (a row parser's loop is already large) passes each double that is not a small integer as a new heap
 * number, an allocation per parsed value.
 */
const mantissa = new Float64Array(2);

/**
 * Stores in out[at] the mantissa M = hi·10^loDigits + lo (hi = mantissa[0] < 10^8 and lo = mantissa[1] < 10^15,
 * integers; loDigits ≤ 15) times 10^scale, correctly rounded; returns false, storing nothing, when that cannot be guaranteed here (|scale| > 22,
 * or within a hair of a rounding midpoint: about 1 input in 10^9). The value is stored, not returned, so that it
 * stays an unboxed double in the caller's loop.
 *
 * M below 2^53 is an exact double, and 10^k (k ≤ 22) is one: one IEEE division or multiplication rounds correctly
 * (Clinger's fast path). Otherwise (17 to 20 significant digits, as in Python's and JavaScript's shortest forms)
 * M is made an exact double-double mh + ml (hi·10^loDigits = (hi·5^loDigits)·2^loDigits is exact while
 * loDigits ≤ 11; beyond, Dekker's product gives its error), the quotient or product is formed with a correction
 * term (error around 2^-100 relative) as v + rest, and rounding is monotonic: when v + rest nudged down and up by a
 * margin well above that error still round to v, v is the correctly rounded value. The test needs no ulp, so it
 * also covers the narrower gap below a power of two. The quotient needs no division: q1 = mh·10^-k only has to be
 * near mh/10^k, since the exact residual mh − q1·10^k (Sterbenz: the two are within a factor 2) corrects it.
 */
function storeDecimal(loDigits: number, scale: number, out: Float64Array, at: number): boolean {
  if (scale < -22 || scale > 22) return false;
  const hi = mantissa[0]!;
  const lo = mantissa[1]!;
  const k = scale < 0 ? -scale : scale;
  const p = hi * POW10[loDigits]!;
  const pe = loDigits <= 11 ? 0 : twoProductError(hi, POW10[loDigits]!, p);
  const sum = p + lo;
  if (pe === 0 && sum < TWO_53) {
    out[at] = scale < 0 ? sum / POW10[k]! : sum * POW10[k]!;
    return true;
  }
  const bv = sum - p;
  const sumError = p - (sum - bv) + (lo - bv) + pe;
  const mh = sum + sumError;
  const ml = sumError - (mh - sum);
  const d = POW10[k]!;
  let v: number;
  let rest: number;
  if (scale < 0) {
    const q1 = mh * INV10[k]!;
    const back = q1 * d;
    const qh = highHalf(q1);
    const ql = q1 - qh;
    const dh = POW10_HIGH[k]!;
    const dl = POW10_LOW[k]!;
    const backError = qh * dh - back + qh * dl + ql * dh + ql * dl;
    const q2 = (mh - back - backError + ml) * INV10[k]!;
    v = q1 + q2;
    rest = q2 - (v - q1);
  } else {
    const q = mh * d;
    const r = twoProductError(mh, d, q) + ml * d;
    v = q + r;
    rest = r - (v - q);
  }
  const margin = v * MIDPOINT_TOLERANCE;
  if (v + (rest - margin) !== v + (rest + margin)) return false;
  out[at] = v;
  return true;
}

/** Scratch for parseDecimal's result (see storeDecimal). */
const scratch = new Float64Array(1);

/**
 * A decimal float (`[+-]digits[.digits][e[+-]digits]`, or `.5`); NaN when the text is not one.
 * Words such as "inf", "nan", "Infinity", hex and empty fields are rejected on purpose: a score must be a plain
 * finite decimal. One pass over the bytes collects the first 23 significant digits (8 in hi, 15 in lo) for
 * storeDecimal; longer mantissas, exponents beyond ±22 and near-midpoint cases go through Number().
 */
export function parseDecimal(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  let c = i < end ? buf[i]! : 0;
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let hi = 0; // first 8 significant digits
  let lo = 0; // the next 15
  let significant = 0; // digits from the first non-zero one on
  let digits = 0;
  let scale = 0;
  let point = false;
  for (; i < end; i++) {
    c = buf[i]!;
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      digits++;
      if (point) scale--;
      if (significant === 0 && d === 0) continue;
      if (significant < 8) hi = hi * 10 + d;
      else if (significant < 23) lo = lo * 10 + d;
      significant++;
    } else if (c === 46 && !point) point = true;
    else break;
  }
  if (digits === 0) return NaN;
  if (i < end) {
    if (c !== 101 && c !== 69) return NaN;
    i++;
    let expNegative = false;
    if (buf[i] === 45 || buf[i] === 43) {
      expNegative = buf[i] === 45;
      i++;
    }
    if (i >= end) return NaN;
    let exp = 0;
    for (; i < end; i++) {
      const d = buf[i]! - 48;
      if (d < 0 || d > 9) return NaN;
      if (exp < 1e6) exp = exp * 10 + d;
    }
    scale += expNegative ? -exp : exp;
  }
  // The grammar is checked, so Number() is exact and safe where storeDecimal declines.
  mantissa[0] = hi;
  mantissa[1] = lo;
  if (significant > 23 || !storeDecimal(Math.max(0, significant - 8), scale, scratch, 0)) return Number(bytesToString(buf, start, end));
  return negative ? -scratch[0]! : scratch[0]!;
}

/** Every byte's high nibble of the 32-bit little-endian word w(s) read as ASCII digits: 0x3 (see isFourDigits). */
const DIGIT_HIGH = 0x30303030;
const HIGH_NIBBLES = 0xf0f0f0f0;
/** Added to each byte: a digit's low nibble (≤ 9) does not carry into the high one, anything above 9 does. */
const CARRY_ABOVE_9 = 0x06060606;

/**
 * Whether the four bytes of the little-endian word w are ASCII digits: high nibbles 0x3 (0x30..0x3f), and no carry out
 * of a low nibble when 6 is added (so none above 0x39).
 */
function isFourDigits(w: number): boolean {
  return (w & HIGH_NIBBLES) === DIGIT_HIGH && ((w + CARRY_ABOVE_9) & HIGH_NIBBLES) === DIGIT_HIGH;
}

/**
 * The value of the four ASCII digits in the little-endian word w (the first digit in the low byte): digit pairs, then
 * the pairs, by a few integer operations instead of four dependent multiply-adds. Small enough (in bytecode) that V8
 * inlines it everywhere without spending its per-function inlining budget.
 */
function fourDigitValue(w: number): number {
  const pairs = ((w - DIGIT_HIGH) * 10 + ((w - DIGIT_HIGH) >>> 8)) & 0x00ff00ff;
  return (pairs & 0xffff) * 100 + (pairs >>> 16);
}

/**
 * The value of the four ASCII digits at view[i, i + 4), or −1 when they are not four digits or run past `length`
 * (the view's, passed in because DataView's byteLength getter is a slow call in optimised code).
 */
export function fourDigitsAt(view: DataView, i: number, length: number): number {
  if (i + 4 > length) return -1;
  const w = view.getInt32(i, true);
  return isFourDigits(w) ? fourDigitValue(w) : -1;
}

/**
 * `[-]digits[.digits]` at buf[start..], ending at the first byte that cannot continue it: stores in out[at] the
 * same value as parseDecimal on that text and returns the index of that byte; returns −1 when the text is not of
 * this plain form or needs the slow path (then ask parseDecimal). For row parsers that find a field's end while
 * reading it. The value is stored rather than returned, with the end, so that it stays an unboxed double.
 * Digits are read eight or four at a time through `view` (a DataView of buf, see fourDigitsAt). Digits go to hi while it stays below
 * 10^8 (it holds 5 to 8 significant digits once full), then to lo (up to 15).
 */
export function parsePlainDecimal(buf: Uint8Array, view: DataView, start: number, out: Float64Array, at: number): number {
  const n = buf.length;
  let i = start;
  const negative = buf[i] === 45;
  if (negative) i++;
  let hi = 0;
  let lo = 0;
  let loDigits = 0;
  let digits = 0;
  let point = -1;
  // "0." starts most scores (probabilities): taken at once rather than by two trips round the loop.
  if (buf[i] === 48 && buf[i + 1] === 46) {
    digits = 1;
    point = 1;
    i += 2;
  }
  for (;;) {
    const first = fourDigitsAt(view, i, n);
    if (first >= 0) {
      let v = first;
      let c = 4;
      // Eight digits at once only where they fit whole: into an empty hi, or a full one's lo with room for them.
      const second = (loDigits === 0 ? hi === 0 || hi >= 1e4 : loDigits <= 7) ? fourDigitsAt(view, i + 4, n) : -1;
      if (second >= 0) {
        v = v * 1e4 + second;
        c = 8;
      }
      const scaleUp = POW10[c]!;
      if (loDigits === 0 && hi * scaleUp < 1e8) hi = hi * scaleUp + v;
      else if (loDigits + c <= 15) {
        lo = lo * scaleUp + v;
        loDigits += c;
      } else return -1;
      digits += c;
      i += c;
      continue;
    }
    const c = i < n ? buf[i]! : 0;
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      if (loDigits === 0 && hi < 1e7) hi = hi * 10 + d;
      else if (loDigits <= 14) {
        lo = lo * 10 + d;
        loDigits++;
      } else return -1;
      digits++;
      i++;
    } else if (c === 46 && point < 0) {
      point = digits;
      i++;
    } else break;
  }
  if (digits === 0) return -1;
  const scale = point < 0 ? 0 : point - digits;
  // Clinger's path (see storeDecimal) kept here, where V8 compiles it into this function: storeDecimal is too large
  // to be inlined, and a call per value is a good part of the time of 16-digit scores.
  const sum = hi * POW10[loDigits]! + lo;
  if (loDigits <= 11 && sum < TWO_53 && scale >= -22) out[at] = sum / POW10[-scale]!;
  else {
    mantissa[0] = hi;
    mantissa[1] = lo;
    if (!storeDecimal(loDigits, scale, out, at)) return -1;
  }
  if (negative) out[at] = -out[at]!;
  return i;
}

/**
 * `0.` and 16 or 17 digits at buf[start..], the usual text of a probability (Python's repr and JavaScript's
 * shortest form of a double in [0.1, 1)): stores the same value as parsePlainDecimal, without its loop, and returns
 * the index after the digits; −1 for any other text (then ask parsePlainDecimal).
 */
export function parseProbability(buf: Uint8Array, view: DataView, start: number, out: Float64Array, at: number): number {
  const n = buf.length;
  if (start + 18 > n || buf[start] !== 48 || buf[start + 1] !== 46) return -1;
  // The sixteen digits as four words, checked together (AND and OR of the words agree on every high nibble only
  // when all four have 0x3 there; none carries above 9 when the OR of the carried words does not), with no call:
  // this runs inside row loops whose inlining budget V8 would otherwise spend on four calls of fourDigitsAt.
  const a = view.getInt32(start + 2, true);
  const b = view.getInt32(start + 6, true);
  const c = view.getInt32(start + 10, true);
  const d = view.getInt32(start + 14, true);
  if (
    (a & b & c & d & HIGH_NIBBLES) !== DIGIT_HIGH ||
    ((a | b | c | d) & HIGH_NIBBLES) !== DIGIT_HIGH ||
    (((a + CARRY_ABOVE_9) | (b + CARRY_ABOVE_9) | (c + CARRY_ABOVE_9) | (d + CARRY_ABOVE_9)) & HIGH_NIBBLES) !== DIGIT_HIGH
  ) {
    return -1;
  }
  let i = start + 18;
  const hi = fourDigitValue(a) * 1e4 + fourDigitValue(b);
  let lo = fourDigitValue(c) * 1e4 + fourDigitValue(d);
  let loDigits = 8;
  const e = i < n ? buf[i]! - 48 : -1;
  if (e >= 0 && e <= 9) {
    lo = lo * 10 + e;
    loDigits = 9;
    i++;
    const f = i < n ? buf[i]! - 48 : -1;
    if (f >= 0 && f <= 9) return -1;
  }
  // As in parsePlainDecimal: Clinger's path where the mantissa is below 2^53, else storeDecimal's corrected quotient.
  const sum = hi * POW10[loDigits]! + lo;
  if (sum < TWO_53) out[at] = sum / POW10[loDigits + 8]!;
  else {
    mantissa[0] = hi;
    mantissa[1] = lo;
    if (!storeDecimal(loDigits, -(loDigits + 8), out, at)) return -1;
  }
  return i;
}
