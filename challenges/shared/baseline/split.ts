/**
 * Seeded stratified split into training and validation rows: each class loses the same share to validation, so
 * a small or rare class is never left out of either part by chance.
 *
 * Worked example: labels [1, 0, 0, 0, 1, 0, 0, 0, 0, 0] (2 signal, 8 background), fraction 0.25 → validation holds
 * round(0.5) = 1 signal and round(2) = 2 background rows, training the other 7; both lists ascending.
 */
import type { Random } from "../random";

export interface RowSplit {
  train: Int32Array;
  validation: Int32Array;
}

export function stratifiedSplit(label: Uint8Array, fraction: number, rng: Random): RowSplit {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`validation fraction must be in (0, 1), got ${fraction}`);
  const inValidation = new Uint8Array(label.length);
  for (const cls of [0, 1]) {
    const rows = Int32Array.from({ length: label.length }, (_, i) => i).filter((i) => label[i] === cls);
    const take = Math.round(rows.length * fraction);
    // Partial Fisher–Yates: the first `take` entries become a uniform random subset.
    for (let k = 0; k < take; k++) {
      const j = k + Math.floor(rng.uniform() * (rows.length - k));
      const t = rows[k]!;
      rows[k] = rows[j]!;
      rows[j] = t;
      inValidation[rows[k]!] = 1;
    }
  }
  const all = Int32Array.from({ length: label.length }, (_, i) => i);
  return { train: all.filter((i) => !inValidation[i]), validation: all.filter((i) => inValidation[i] === 1) };
}
