/**
 * Ranked events laid out for a sequential walk, and the walk over their tie groups that feeds ROC metrics.
 * Each subset (Public, Private) is ranked and walked on its own, from its row list: a subset's arrays are smaller
 * than all events' (the Public one stays in cache), and the walk's sums live in registers.
 *
 * Worked example: scores [0.9, 0.8, 0.8, 0.1], labels [1, 0, 1, 0], unit weights: the groups are {0.9}, {0.8, 0.8},
 * {0.1}, and the steps (S, B, count B) are (1, 0, 0) at 0.9, (2, 1, 1) at 0.8, (2, 2, 2) at 0.1.
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
}

/**
 * Reads each ranked row's weight and label in loops without branches, so the CPU overlaps the random reads' cache
 * misses; the walk that follows reads memory in order. Each loop is a function of its own here and in ranking.ts:
 * V8 optimises a hot loop in a long function on entry to the loop, and code after it that has not run yet sends it
 * back to the interpreter.
 */
export function layOut(ranking: ScoreRanking, labels: Uint8Array, weights: Float64Array | null, ws: Workspace = FRESH): RankLayout {
  const { order, sorted } = ranking;
  const m = order.length;
  const weight = ws.float64("layout.weight", m);
  const label = ws.uint8("layout.label", m);
  if (weights === null) weight.fill(1);
  else gatherWeights(order, weights, weight);
  gatherLabels(order, labels, label);
  return { sorted, weight, label };
}

function gatherWeights(order: Int32Array, weights: Float64Array, out: Float64Array): void {
  for (let k = 0; k < order.length; k++) out[k] = weights[order[k]!]!;
}

function gatherLabels(order: Int32Array, labels: Uint8Array, out: Uint8Array): void {
  // 1 for any non-zero label byte.
  for (let k = 0; k < order.length; k++) out[k] = (labels[order[k]!]! + 255) >> 8;
}

/** [total signal, total background], summed in rank order as walkGroups sums them (so its last step ends on them). */
export function layoutTotals(layout: RankLayout): [signal: number, background: number] {
  const { weight, label } = layout;
  let signal = 0;
  let background = 0;
  for (let k = 0; k < weight.length; k++) {
    const w = weight[k]!;
    const isSignal = label[k]!;
    signal += w * isSignal;
    background += w * (1 - isSignal);
  }
  return [signal, background];
}

/** Hands `sink` the sums (signal, background, background count) at the end of each tie group, from the highest score down. */
export function walkGroups(layout: RankLayout, sink: StepSink): void {
  const { sorted, weight, label } = layout;
  const m = sorted.length;
  let signal = 0;
  let background = 0;
  let backgroundCount = 0;
  for (let k = 0; k < m; k++) {
    const w = weight[k]!;
    const isSignal = label[k]!;
    // Adding w·0 leaves a sum unchanged, so the label needs no branch.
    signal += w * isSignal;
    background += w * (1 - isSignal);
    backgroundCount += 1 - isSignal;
    const score = sorted[k]!;
    if (k + 1 < m && sorted[k + 1] === score) continue;
    sink.step(signal, background, backgroundCount, score);
  }
}
