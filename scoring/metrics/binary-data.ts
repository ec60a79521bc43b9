/**
 * The binary views of MetricData that the cut-based metrics share: 0/1 labels, the ROC steps of the scores, and the
 * ranked events their bootstrap walks.
 */
import type { MetricData } from "../metric-descriptor";
import { rankByScore, rocSteps, signedWeights, type RocSteps } from "./ranking";
import { rankedEvents, type RankedEvents } from "./resampled";

/** The 0/1 labels of a binary target (a Uint8Array target is used as is). */
export function binaryLabels(data: MetricData): Uint8Array {
  const { target } = data;
  if (target instanceof Uint8Array) return target;
  const labels = new Uint8Array(target.length);
  for (let i = 0; i < target.length; i++) labels[i] = target[i] === 1 ? 1 : 0;
  return labels;
}

/** Cumulative (signal, background) weights at each distinct score, highest first. */
export function rocStepsOf(data: MetricData): RocSteps {
  return rocSteps(rankByScore(data.prediction, signedWeights(binaryLabels(data), data.weights)));
}

/** The events ranked by descending score with their tie groups marked (what resampled walks read). */
export function rankedEventsOf(data: MetricData): RankedEvents {
  return rankedEvents(rankByScore(data.prediction, signedWeights(binaryLabels(data), data.weights)));
}

/** Predicted class of a binary probability: 1 when p > ½ (the class of larger probability; ½ itself goes to 0, as argmax over [1 − p, p] does). */
export function predictedPositive(p: number): number {
  return p > 0.5 ? 1 : 0;
}
