/**
 * The walk over a ranking's tie groups that feeds ROC metrics. Each subset (Public, Private) is ranked and walked on
 * its own, from its row list, and the ranking carries each event's signed weight (label and weight in one number),
 * so the walk reads two arrays in order and keeps its sums in registers.
 *
 * Worked example: scores [0.9, 0.8, 0.8, 0.1], labels [1, 0, 1, 0], unit weights: the groups are {0.9}, {0.8, 0.8},
 * {0.1}, and the steps (S, B, count B) are (1, 0, 0) at 0.9, (2, 1, 1) at 0.8, (2, 2, 2) at 0.1.
 */
import { HI, wordsOf } from "./float-words";
import type { ScoreRanking } from "./ranking";
import type { StepSink } from "./roc-summary";

/**
 * [total signal, total background], summed in rank order as walkGroups sums them (so its last step ends on them).
 * A signed weight w is |w| to the background when its sign bit is set (−0 included), else to the signal: as products
 * with 0 and 1, since a branch on the label is one the CPU cannot predict.
 */
export function rankingTotals(ranking: ScoreRanking): [signal: number, background: number] {
  const { signed } = ranking;
  const words = wordsOf(signed);
  let signal = 0;
  let background = 0;
  for (let k = 0; k < signed.length; k++) {
    const w = Math.abs(signed[k]!);
    const isBackground = words[2 * k + HI]! >>> 31;
    signal += w * (1 - isBackground);
    background += w * isBackground;
  }
  return [signal, background];
}

/** Hands `sink` the sums (signal, background, background count) at the end of each tie group, from the highest score down. */
export function walkGroups(ranking: ScoreRanking, sink: StepSink): void {
  const { sorted, signed } = ranking;
  const words = wordsOf(signed);
  const m = sorted.length;
  let signal = 0;
  let background = 0;
  let backgroundCount = 0;
  for (let k = 0; k < m; k++) {
    const w = Math.abs(signed[k]!);
    const isBackground = words[2 * k + HI]! >>> 31;
    // Adding w·0 leaves a sum unchanged, so the label needs no branch.
    signal += w * (1 - isBackground);
    background += w * isBackground;
    backgroundCount += isBackground;
    const score = sorted[k]!;
    if (k + 1 < m && sorted[k + 1] === score) continue;
    sink.step(signal, background, backgroundCount, score);
  }
}
