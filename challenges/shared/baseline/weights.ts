/**
 * Event weights for training and for AMS.
 *
 * Training: physics weights make background ~600 times heavier than signal in total, so a loss on them would learn
 * "always background". balancedWeights() rescales each class to the same total (half the event count each, so the
 * mean weight is 1 and the loss keeps its usual scale) while keeping the weights' shape within a class.
 * Worked example: labels [1, 0, 0], weights [1, 2, 6] → each class sums to 1.5 → [1.5, 0.375, 1.125].
 *
 * AMS: s and b are absolute weight sums and b_r = 10 is absolute too, so AMS on a subset whose weights sum to 20% of
 * the full totals is not the test set's AMS scaled down: the regulariser weighs five times more and the best cut moves
 * to a harsher selection. renormaliseToTotals() scales each class to the full totals (as Kaggle did for every subset),
 * so the threshold chosen on validation transfers to the test set, whose subsets are renormalised the same way.
 * Worked example: labels [1, 1, 0], weights [1, 3, 5], totals { signal: 8, background: 10 } → [2, 6, 10].
 */

export interface ClassTotals {
  signal: number;
  background: number;
}

function classSums(label: Uint8Array, weight: ArrayLike<number>): ClassTotals {
  let signal = 0;
  let background = 0;
  for (let i = 0; i < label.length; i++) {
    if (label[i]) signal += weight[i]!;
    else background += weight[i]!;
  }
  return { signal, background };
}

/** Each class scaled to the given totals; a class absent from the events stays empty. */
export function renormaliseToTotals(label: Uint8Array, weight: ArrayLike<number>, totals: ClassTotals): Float64Array {
  const sums = classSums(label, weight);
  const scale = { signal: totals.signal / sums.signal, background: totals.background / sums.background };
  return Float64Array.from({ length: label.length }, (_, i) => weight[i]! * (label[i] ? scale.signal : scale.background));
}

/** Weights with both classes summing to rows / 2 (mean 1). */
export function balancedWeights(label: Uint8Array, weight: ArrayLike<number>): Float32Array {
  const half = label.length / 2;
  return Float32Array.from(renormaliseToTotals(label, weight, { signal: half, background: half }));
}
