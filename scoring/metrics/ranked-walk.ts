/**
 * Ranked events laid out for sequential walks, and the walk over their tie groups that feeds ROC metrics, for one
 * or several disjoint subsets at once. A subset's tie groups are the ranking's groups restricted to its events, and
 * its sums are taken in the same order, so one sort of all events gives each subset exactly what ranking the subset
 * alone would: one sort per submission instead of one per subset.
 *
 * Worked example: scores [0.9, 0.8, 0.8, 0.1], labels [1, 0, 1, 0], unit weights, subsets [0, 1, 0, 0]: the groups
 * are {0.9}, {0.8, 0.8}, {0.1}; subset 0 steps (S, B, count B) are (1, 0, 0) at 0.9, (2, 0, 0) at 0.8, (2, 1, 1) at
 * 0.1, and subset 1 has one step, (0, 1, 1) at 0.8.
 */
import type { ScoreRanking } from "./ranking";
import type { StepSink } from "./roc-summary";
import { FRESH, type Workspace } from "./workspace";

/** Per ranked event, in rank order. */
export interface RankLayout {
  /** Scores (ranking.sorted). */
  sorted: Float64Array;
  /** Weights (1 when unweighted). */
  weight: Float64Array;
  /** 1 = signal, 0 = background. */
  label: Uint8Array;
  /** Subset index; `count` (see layOut) for events of no subset. */
  subset: Uint8Array;
}

/** At most this many subsets: they are bits of an int32 in walkGroups, with one spare for events of none. */
export const MAX_SUBSETS = 30;

/**
 * Reads each ranked row's weight, label and subset (`subsetOf[row]`, any value ≥ count meaning none; null: all in
 * subset 0) in loops without branches, so the CPU overlaps the random reads' cache misses; the walks that follow read
 * memory in order. Each loop is a function of its own here and in ranking.ts: V8 optimises a hot loop in a long
 * function on entry to the loop, and code after it that has not run yet sends it back to the interpreter.
 */
export function layOut(
  ranking: ScoreRanking,
  labels: Uint8Array,
  weights: Float64Array | null,
  subsetOf: Uint8Array | null,
  count: number,
  ws: Workspace = FRESH,
): RankLayout {
  if (count > MAX_SUBSETS) throw new RangeError(`at most ${MAX_SUBSETS} subsets, got ${count}`);
  const { order, sorted } = ranking;
  const m = order.length;
  const weight = ws.float64("layout.weight", m);
  const label = ws.uint8("layout.label", m);
  const subset = ws.uint8("layout.subset", m);
  if (weights === null) weight.fill(1);
  else gatherWeights(order, weights, weight);
  gatherLabels(order, labels, label);
  if (subsetOf === null) subset.fill(0);
  else gatherSubsets(order, subsetOf, count, subset);
  return { sorted, weight, label, subset };
}

function gatherWeights(order: Int32Array, weights: Float64Array, out: Float64Array): void {
  for (let k = 0; k < order.length; k++) out[k] = weights[order[k]!]!;
}

function gatherLabels(order: Int32Array, labels: Uint8Array, out: Uint8Array): void {
  // 1 for any non-zero label byte.
  for (let k = 0; k < order.length; k++) out[k] = (labels[order[k]!]! + 255) >> 8;
}

function gatherSubsets(order: Int32Array, subsetOf: Uint8Array, count: number, out: Uint8Array): void {
  for (let k = 0; k < order.length; k++) out[k] = Math.min(subsetOf[order[k]!]!, count);
}

/** [total signal, total background] of each of `count` subsets, summed in rank order as walkGroups sums them. */
export function subsetTotals(layout: RankLayout, count: number): Float64Array {
  const { weight, label, subset } = layout;
  const sums = new Float64Array(2 * (count + 1));
  for (let k = 0; k < weight.length; k++) {
    const u = subset[k]!;
    const w = weight[k]!;
    const isSignal = label[k]!;
    sums[2 * u]! += w * isSignal;
    sums[2 * u + 1]! += w * (1 - isSignal);
  }
  return sums.subarray(0, 2 * count);
}

/**
 * Hands sinks[v] the sums of subset v (signal, background, background count) at the end of each tie group with
 * events of subset v, from the highest score down.
 */
export function walkGroups(layout: RankLayout, sinks: readonly StepSink[]): void {
  const { sorted, weight, label, subset } = layout;
  const m = sorted.length;
  const count = sinks.length;
  // Per subset, and a spare slot for events of none: signal, background, background count.
  const sums = new Float64Array(3 * (count + 1));
  // Subsets with events in the current tie group, as bits.
  let touched = 0;
  for (let k = 0; k < m; k++) {
    const u = subset[k]!;
    const w = weight[k]!;
    const isSignal = label[k]!;
    // Adding w·0 leaves a sum unchanged, so the label needs no branch.
    sums[3 * u]! += w * isSignal;
    sums[3 * u + 1]! += w * (1 - isSignal);
    sums[3 * u + 2]! += 1 - isSignal;
    touched |= 1 << u;
    const score = sorted[k]!;
    if (k + 1 < m && sorted[k + 1] === score) continue;
    for (let v = 0; v < count; v++) {
      if ((touched & (1 << v)) !== 0) sinks[v]!.step(sums[3 * v]!, sums[3 * v + 1]!, sums[3 * v + 2]!, score);
    }
    touched = 0;
  }
}
