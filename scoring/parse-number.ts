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
function twoProductError(a: number, b: number, p: number): number {
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** Relative half-width of the "too close to a rounding midpoint" band: 2^-82 ≥ 2^-30 ulp, far above the 2^-100 error. */
const MIDPOINT_TOLERANCE = 2 ** -82;

/**
 * 16 to 19 significant digits (Python's and JavaScript's shortest round-trip output has 17), value
 * (head·10^tailDigits + tail)·10^scale with |scale| ≤ 22: computed in double-double arithmetic (error around
 * 2^-100 relative) as hi + lo. Rounding is monotonic, so when hi + lo nudged down and up by a margin well above
 * that error still round to the same double, that double (hi) is the correctly rounded value; otherwise the exact
 * value lies within a hair of a rounding midpoint and NaN asks the caller for the slow exact path (about 1 in 10^9
 * inputs). The test needs no ulp, so it also covers the narrower gap below a power of two.
 */
function parseLongMantissa(head: number, tail: number, tailDigits: number, scale: number): number {
  const p = head * POW10[tailDigits]!;
  const pe = twoProductError(head, POW10[tailDigits]!, p);
  const sum = p + tail;
  const bv = sum - p;
  const sumError = p - (sum - bv) + (tail - bv);
  const mh = sum + (sumError + pe);
  const ml = sumError + pe - (mh - sum);
  let hi: number;
  let lo: number;
  if (scale >= 0) {
    const d = POW10[scale]!;
    const q = mh * d;
    const rest = twoProductError(mh, d, q) + ml * d;
    hi = q + rest;
    lo = rest - (hi - q);
  } else {
    const d = POW10[-scale]!;
    const q1 = mh / d;
    const back = q1 * d;
    const q2 = (mh - back - twoProductError(q1, d, back) + ml) / d;
    hi = q1 + q2;
    lo = q2 - (hi - q1);
  }
  const margin = hi * MIDPOINT_TOLERANCE;
  return hi + (lo - margin) === hi + (lo + margin) ? hi : NaN;
}

/**
 * A decimal float (`[+-]digits[.digits][e[+-]digits]`, or `.5`); NaN when the text is not one.
 * Words such as "inf", "nan", "Infinity", hex and empty fields are rejected on purpose: a score must be a plain
 * finite decimal. One pass over the bytes collects the first 19 significant digits. Fast path (Clinger): with an
 * integer mantissa below 2^53 (up to 15 significant digits, or 16 of a small enough value) and |exponent| ≤ 22, both
 * it and 10^k are exact doubles, so one IEEE multiplication or division gives the correctly rounded result; up to
 * 19 digits, parseLongMantissa;
 * anything else goes through Number().
 */
export function parseDecimal(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  let c = i < end ? buf[i]! : 0;
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let head = 0; // first 15 significant digits
  let tail = 0; // the next 4
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
      if (significant < 15) head = head * 10 + d;
      else if (significant < 19) tail = tail * 10 + d;
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
  const v = significant <= 19 ? composeDecimal(head, tail, Math.max(0, significant - 15), scale) : NaN;
  // Long mantissas, large exponents or near-midpoint cases: the grammar is checked, so Number() is exact and safe.
  if (Number.isNaN(v)) return Number(bytesToString(buf, start, end));
  return negative ? -v : v;
}

/**
 * (head·10^tailDigits + tail)·10^scale correctly rounded, for integers head < 10^15 and tail < 2^53; NaN when
 * exactness cannot be guaranteed this way (the caller then falls back to Number()).
 */
function composeDecimal(head: number, tail: number, tailDigits: number, scale: number): number {
  if (scale < -22 || scale > 22 || tailDigits > 22) return NaN;
  if (tailDigits > 0) {
    // A 16-digit mantissa below 2^53 (most shortest forms of scores in [0, 1)) is still an exact double: head·10^k
    // and the sum are exact whenever their rounded results stay below 2^53 (rounding is monotonic), so Clinger's
    // one-operation path applies and the double-double one is not needed.
    const mantissa = head * POW10[tailDigits]! + tail;
    if (!(mantissa < 9007199254740992)) return parseLongMantissa(head, tail, tailDigits, scale);
    head = mantissa;
  }
  return scale < 0 ? head / POW10[-scale]! : head * POW10[scale]!;
}

/**
 * `[-]digits[.digits]` at buf[start..], ending at the first byte that cannot continue it: stores in out[at] the
 * same value as parseDecimal on that text and returns the index of that byte; returns −1 when the text is not of
 * this plain form or needs the slow path (then ask parseDecimal). For row parsers that find a field's end while
 * reading it. The value is stored rather than returned, with the end, so that it stays an unboxed double.
 * Digits are read four at a time through `view` (a DataView of buf): one load and a few integer operations
 * replace four byte loads and four dependent floating-point multiply-adds.
 */
export function parsePlainDecimal(buf: Uint8Array, view: DataView, start: number, out: Float64Array, at: number): number {
  const n = buf.length;
  let i = start;
  const negative = buf[i] === 45;
  if (negative) i++;
  let head = 0; // < 10^15: digits go to head while it is below 10^11 (10^14 for a single digit), then all to tail
  let tail = 0;
  let tailDigits = 0;
  let digits = 0;
  let point = -1; // digits before the decimal point, once seen
  for (;;) {
    if (i + 4 <= n) {
      const w = view.getUint32(i, true);
      // Four ASCII digits: every byte in 0x30..0x3f, and none above 0x39 (adding 6 would carry into the high nibble).
      if ((w & 0xf0f0f0f0) === (0x30303030 | 0) && ((w + 0x06060606) & 0xf0f0f0f0) === (0x30303030 | 0)) {
        const v = w - 0x30303030; // little-endian: the first digit is the low byte
        const pairs = (v * 10 + (v >>> 8)) & 0x00ff00ff;
        const four = (pairs & 0xffff) * 100 + (pairs >>> 16);
        if (tailDigits === 0 && head < 1e11) head = head * 1e4 + four;
        else if (tailDigits <= 11) {
          tail = tail * 1e4 + four;
          tailDigits += 4;
        } else return -1;
        digits += 4;
        i += 4;
        continue;
      }
    }
    const c = i < n ? buf[i]! : 0;
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      if (tailDigits === 0 && head < 1e14) head = head * 10 + d;
      else if (tailDigits <= 14) {
        tail = tail * 10 + d;
        tailDigits++;
      } else return -1;
      digits++;
      i++;
    } else if (c === 46 && point < 0) {
      point = digits;
      i++;
    } else break;
  }
  if (digits === 0) return -1;
  const v = composeDecimal(head, tail, tailDigits, point < 0 ? 0 : point - digits);
  if (Number.isNaN(v)) return -1;
  out[at] = negative ? -v : v;
  return i;
}
