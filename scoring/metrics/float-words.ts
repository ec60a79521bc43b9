/** The 32-bit words of doubles, for code that sorts or tests doubles by their bits. */

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Index of a double's high word (sign, exponent, top 20 mantissa bits) in its pair: words[2k + HI]. */
export const HI = littleEndian ? 1 : 0;

/** The words of the elements of `values` (a view, not a copy). */
export function wordsOf(values: Float64Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
}
