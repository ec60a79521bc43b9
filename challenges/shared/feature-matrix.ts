/**
 * The hidden test features as a model receives them: test.csv (`EventId,<features…>`, as the platform writes it)
 * parsed into event ids and a row-major float32 matrix in the contract's column order.
 *
 * Worked example: "EventId,a,b\n7,1.5,-999.0\n" → features [a, b], eventIds [7], data [1.5, -999], 1 × 2.
 * Each value is parsed as the nearest double (as Number() would) and then rounded to float32, the way numpy's
 * float(text) followed by astype(float32) treats the same file, so a competitor's own run sees the same inputs.
 */

export interface FeatureMatrix {
  /** Column names after EventId, as in the header. */
  features: string[];
  eventIds: Int32Array;
  /** Row-major: rows × cols. */
  data: Float32Array;
  rows: number;
  cols: number;
}

const LF = 10;
const CR = 13;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * A plain decimal (sign, at most 15 digits, optional fraction) from bytes [start, end): m / 10^k is then exactly
 * Number(text) (both operands are exact doubles and the division rounds once). Anything else: Number(text).
 */
function parseCell(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = bytes[i] === MINUS;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c === DOT && decimals < 0) decimals = 0;
    else if (c >= ZERO && c <= ZERO + 9) {
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
      if (decimals >= 0) decimals++;
    } else break;
  }
  if (i === end && digits > 0 && digits <= 15) {
    const v = decimals > 0 ? mantissa / POW10[decimals]! : mantissa;
    return negative ? -v : v;
  }
  const text = new TextDecoder().decode(bytes.subarray(start, end));
  const v = text.trim() === "" ? NaN : Number(text);
  if (!Number.isFinite(v) && !/^-?nan$/i.test(text.trim())) throw new Error(`not a number: ${JSON.stringify(text.slice(0, 40))}`);
  return v;
}

/** Parses a feature file whose header is `EventId,<feature>,…`; throws naming the line when a row is bad. */
export function parseFeatureCsv(bytes: Uint8Array): FeatureMatrix {
  const headerEnd = bytes.indexOf(LF);
  const header = new TextDecoder().decode(bytes.subarray(0, headerEnd < 0 ? bytes.length : headerEnd)).replace(/\r$/, "");
  const [first, ...features] = header.split(",");
  if (first !== "EventId" || features.length === 0)
    throw new Error(`the test file's header ${JSON.stringify(header.slice(0, 200))} is not EventId followed by features`);
  const cols = features.length;
  // Count data lines first, so the arrays are allocated once at their final size.
  let rows = 0;
  for (let i = headerEnd + 1; i < bytes.length;) {
    let j = bytes.indexOf(LF, i);
    if (j < 0) j = bytes.length;
    if (j > i && !(j === i + 1 && bytes[i] === CR)) rows++;
    i = j + 1;
  }
  const eventIds = new Int32Array(rows);
  const data = new Float32Array(rows * cols);
  let row = 0;
  let line = 1;
  for (let i = headerEnd + 1; i < bytes.length;) {
    let lineEnd = bytes.indexOf(LF, i);
    if (lineEnd < 0) lineEnd = bytes.length;
    line++;
    const end = bytes[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    if (end > i) {
      let cell = i;
      for (let c = 0; c <= cols; c++) {
        let next = bytes.indexOf(COMMA, cell);
        if (next < 0 || next > end) next = end;
        if (next === end && c < cols) throw new Error(`line ${line} of the test file has ${c + 1} values, not ${cols + 1}`);
        let value: number;
        try {
          value = parseCell(bytes, cell, next);
        } catch (err) {
          throw new Error(`line ${line} of the test file, column ${c + 1}: ${(err as Error).message}`, { cause: err });
        }
        if (c === 0) eventIds[row] = value;
        else data[row * cols + c - 1] = value;
        cell = next + 1;
      }
      if (cell <= end) throw new Error(`line ${line} of the test file has more than ${cols + 1} values`);
      row++;
    }
    i = lineEnd + 1;
  }
  return { features, eventIds, data, rows, cols };
}
