/**
 * Agreement gate after Flavours of Physics (Kaggle 2015): a classifier trained on simulation may exploit how the
 * simulation differs from real data instead of physics. On a control channel present in both (there D_s → φπ), the
 * distribution of its scores on simulated events must match that on real events: the weighted two-sample
 * Kolmogorov–Smirnov distance sup_x |F_sim(x) − F_real(x)| must stay below a threshold (Flavours: 0.09).
 * CDFs are right-continuous (F(x) = weighted share of scores ≤ x), so tied scores move both CDFs at once; with unit
 * weights this is scipy's ks_2samp statistic.
 *
 * Worked example: simulated scores [1, 2, 3], real [2, 3, 4], unit weights: at 1, F_sim = 1/3, F_real = 0; at 2,
 * 2/3 and 1/3; at 3, 1 and 2/3; at 4, 1 and 1. KS = 1/3, failed at the 0.09 threshold.
 */
import type { GateResult } from "./gate-descriptor";

export const KS_AGREEMENT_THRESHOLD = 0.09;

/** Indices of `scores` by ascending score. */
function order(scores: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
}

function checked(scores: ArrayLike<number>, weights: ArrayLike<number> | null, name: string): number {
  if (scores.length === 0) throw new RangeError(`the ${name} sample is empty`);
  if (weights !== null && weights.length !== scores.length)
    throw new RangeError(`the ${name} sample has ${scores.length} scores but ${weights.length} weights`);
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    const w = weights === null ? 1 : weights[i]!;
    if (!Number.isFinite(scores[i]!)) throw new RangeError(`score ${i} of the ${name} sample is not a finite number`);
    if (!(w >= 0 && w < Infinity)) throw new RangeError(`weight ${i} of the ${name} sample is not a finite non-negative number`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError(`the ${name} sample's weights sum to 0`);
  return total;
}

/** The weighted KS distance between two samples of scores (weights null = 1 each). */
export function ksDistance(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  weightsA: ArrayLike<number> | null = null,
  weightsB: ArrayLike<number> | null = null,
): number {
  const totalA = checked(a, weightsA, "first");
  const totalB = checked(b, weightsB, "second");
  const oa = order(a);
  const ob = order(b);
  let i = 0;
  let j = 0;
  let cdfA = 0;
  let cdfB = 0;
  let sup = 0;
  while (i < oa.length || j < ob.length) {
    // The next distinct score; every event at it moves its CDF before the two are compared.
    const x = Math.min(i < oa.length ? a[oa[i]!]! : Infinity, j < ob.length ? b[ob[j]!]! : Infinity);
    for (; i < oa.length && a[oa[i]!] === x; i++) cdfA += (weightsA === null ? 1 : weightsA[oa[i]!]!) / totalA;
    for (; j < ob.length && b[ob[j]!] === x; j++) cdfB += (weightsB === null ? 1 : weightsB[ob[j]!]!) / totalB;
    sup = Math.max(sup, Math.abs(cdfA - cdfB));
  }
  return sup;
}

export function ksAgreement(
  simulated: ArrayLike<number>,
  real: ArrayLike<number>,
  opts: { simulatedWeights?: ArrayLike<number> | null; realWeights?: ArrayLike<number> | null; threshold?: number } = {},
): GateResult {
  const threshold = opts.threshold ?? KS_AGREEMENT_THRESHOLD;
  const statistic = ksDistance(simulated, real, opts.simulatedWeights ?? null, opts.realWeights ?? null);
  return { statistic, threshold, passed: statistic < threshold };
}
