/**
 * The binary views of MetricData that the cut-based metrics share: 0/1 labels, the ROC steps of the scores, and the
 * ranked events their bootstrap walks.
 */
import type { MetricData } from "../metric-descriptor";
import { rankByScore, rocSteps, signedWeights, type RocSteps, type ScoreRanking } from "./ranking";
import { rankingTotals, walkGroups } from "./ranked-walk";
import { rankedEvents, type RankedEvents } from "./resampled";
import { RocSummary } from "./roc-summary";

/** The 0/1 labels of a binary target (a Uint8Array target is used as is). */
export function binaryLabels(data: MetricData): Uint8Array {
  const { target } = data;
  if (target instanceof Uint8Array) return target;
  const labels = new Uint8Array(target.length);
  for (let i = 0; i < target.length; i++) labels[i] = target[i] === 1 ? 1 : 0;
  return labels;
}

/**
 * The events ranked by descending score, once per MetricData: a metric's value and its bootstrap layout are taken from
 * the same data one after the other, and the sort is most of the work of either. Held only while the data lives.
 */
const rankings = new WeakMap<MetricData, ScoreRanking>();

function rankingOf(data: MetricData): ScoreRanking {
  let ranking = rankings.get(data);
  if (ranking === undefined) {
    ranking = rankByScore(data.prediction, signedWeights(binaryLabels(data), data.weights));
    rankings.set(data, ranking);
  }
  return ranking;
}

/**
 * The ROC summary of the ranked events (ε_B `targets` for ε_S at ε_B, SIC's minimum background count), from one walk
 * that keeps no step: what the value of AUC, SIC and ε_S at ε_B needs, without rocSteps' arrays of every group.
 */
export function rocSummaryOf(data: MetricData, targets: readonly number[], minBackground: number): RocSummary {
  const ranking = rankingOf(data);
  const [totalSignal, totalBackground] = rankingTotals(ranking);
  const summary = new RocSummary(totalSignal, totalBackground, targets, minBackground);
  walkGroups(ranking, summary);
  return summary;
}

/** Cumulative (signal, background) weights at each distinct score, highest first. */
export function rocStepsOf(data: MetricData): RocSteps {
  return rocSteps(rankingOf(data));
}

/** The events ranked by descending score with their tie groups marked (what resampled walks read). */
export function rankedEventsOf(data: MetricData): RankedEvents {
  return rankedEvents(rankingOf(data));
}

/** Predicted class of a binary probability: 1 when p > ½ (the class of larger probability; ½ itself goes to 0, as argmax over [1 − p, p] does). */
export function predictedPositive(p: number): number {
  return p > 0.5 ? 1 : 0;
}
