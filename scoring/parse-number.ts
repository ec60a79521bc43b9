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

// Dekker's exact product without FMA: a·b = p + productError, with operands split into 26-bit halves.
const SPLITTER = 134217729; // 2^27 + 1
let productError = 0;
function twoProduct(a: number, b: number): number {
  const p = a * b;
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  productError = ah * bh - p + ah * bl + al * bh + al * bl;
  return p;
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;
const MIDPOINT_TOLERANCE = 2 ** -30;

/**
 * 16 to 19 significant digits (Python's and JavaScript's shortest round-trip output has 17), value
 * (head·10^tailDigits + tail)·10^scale with |scale| ≤ 22: computed in double-double arithmetic (error around
 * 2^-100 relative), whose rounding to double is the correctly rounded result unless the exact value lies within
 * 2^-30 ulp of a rounding midpoint; then NaN asks the caller for the slow exact path (about 1 in 10^9 inputs).
 */
function parseLongMantissa(head: number, tail: number, tailDigits: number, scale: number): number {
  const p = twoProduct(head, POW10[tailDigits]!);
  const pe = productError;
  const sum = p + tail;
  const bv = sum - p;
  const sumError = p - (sum - bv) + (tail - bv);
  const mh = sum + (sumError + pe);
  const ml = sumError + pe - (mh - sum);
  let hi: number;
  let lo: number;
  if (scale >= 0) {
    const d = POW10[scale]!;
    const q = twoProduct(mh, d);
    const rest = productError + ml * d;
    hi = q + rest;
    lo = rest - (hi - q);
  } else {
    const d = POW10[-scale]!;
    const q1 = mh / d;
    const back = twoProduct(q1, d);
    const q2 = (mh - back - productError + ml) / d;
    hi = q1 + q2;
    lo = q2 - (hi - q1);
  }
  // ulp(hi) = 2^(exponent − 52), built from its bit pattern (Math.pow costs more than the rest of this check).
  bits[0] = hi;
  const exponent = (words[HIGH_WORD]! >>> 20) & 0x7ff;
  words[HIGH_WORD] = (exponent - 52) << 20;
  words[1 - HIGH_WORD] = 0;
  const ulp = bits[0]!;
  const fromMid = Math.abs(Math.abs(lo) - ulp / 2);
  // ulp/4 matters when hi is a power of two (the gap below it is half as wide); checking it always is harmless.
  const fromQuarter = Math.abs(Math.abs(lo) - ulp / 4);
  return fromMid <= ulp * MIDPOINT_TOLERANCE || fromQuarter <= ulp * MIDPOINT_TOLERANCE ? NaN : hi;
}

function skipDigits(buf: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) break;
    i++;
  }
  return i;
}

/**
 * A decimal float (`[+-]digits[.digits][e[+-]digits]`, or `.5`); NaN when the text is not one.
 * Words such as "inf", "nan", "Infinity", hex and empty fields are rejected on purpose: a score must be a plain
 * finite decimal. Fast path (Clinger): with at most 15 significant digits and |exponent| ≤ 22, both the integer
 * mantissa and 10^k are exact doubles, so one IEEE multiplication or division gives the correctly rounded result;
 * up to 19 digits, parseLongMantissa; anything else goes through Number().
 */
export function parseDecimal(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  const first = buf[i];
  if (first === 45 || first === 43) {
    negative = first === 45;
    i++;
  }
  // Find the digit runs first, then accumulate only significant digits: fewer branches per digit.
  const intStart = i;
  i = skipDigits(buf, i, end);
  const intEnd = i;
  let fracStart = i;
  let fracEnd = i;
  if (i < end && buf[i] === 46) {
    fracStart = ++i;
    i = skipDigits(buf, i, end);
    fracEnd = i;
  }
  if (intEnd === intStart && fracEnd === fracStart) return NaN;
  let scale = fracStart - fracEnd;
  let c = 0;
  if (i < end && (buf[i] === 101 || buf[i] === 69)) {
    i++;
    let expNegative = false;
    if (buf[i] === 45 || buf[i] === 43) {
      expNegative = buf[i] === 45;
      i++;
    }
    const expStart = i;
    let exp = 0;
    for (; i < end; i++) {
      c = buf[i]! - 48;
      if (c < 0 || c > 9) return NaN;
      if (exp < 1e6) exp = exp * 10 + c;
    }
    if (i === expStart) return NaN;
    scale += expNegative ? -exp : exp;
  }
  if (i !== end) return NaN;
  // First significant digit (leading zeros add nothing), and how many significant digits follow.
  let q = intStart;
  while (q < intEnd && buf[q] === 48) q++;
  if (q === intEnd) {
    q = fracStart;
    while (q < fracEnd && buf[q] === 48) q++;
  }
  const significant = q < intEnd ? intEnd - q + fracEnd - fracStart : fracEnd - q;
  let v = NaN;
  if (significant <= 19 && scale >= -22 && scale <= 22) {
    let head = 0;
    let tail = 0;
    for (let k = 0; k < significant; k++) {
      if (q === intEnd) q = fracStart;
      const d = buf[q++]! - 48;
      if (k < 15) head = head * 10 + d;
      else tail = tail * 10 + d;
    }
    if (significant <= 15) v = scale < 0 ? head / POW10[-scale]! : head * POW10[scale]!;
    else v = parseLongMantissa(head, tail, significant - 15, scale);
  }
  // Long mantissas, large exponents or near-midpoint cases: the grammar is checked, so Number() is exact and safe.
  if (Number.isNaN(v)) return Number(bytesToString(buf, start, end));
  return negative ? -v : v;
}
