/**
 * Weighted ROC AUC with ties averaged: the weighted probability that a signal event scores above a background
 * event, counting equal scores as one half. Returns NaN when the (masked) events lack signal or background.
 *
 * Worked example: scores [0.9, 0.8, 0.8, 0.1], labels [1, 0, 1, 0], weights [1, 2, 1, 1].
 * Pairs (signal, background) with weight products: (0.9 vs 0.8) 1·2 win, (0.9 vs 0.1) 1·1 win,
 * (0.8 vs 0.8) 1·2 tie → ½, (0.8 vs 0.1) 1·1 win. AUC = (2 + 1 + 1 + 1) / ((1+1)·(2+1)) = 5/6.
 */
import { describeMetric } from "../metric-descriptor";
import { rankedEventsOf, rocSummaryOf } from "./binary-data";
import { maskedRocSteps, type RocSteps } from "./ranking";
import { resampledAuc } from "./resampled";
import { summarizeSteps } from "./roc-summary";

/** AUC from cumulative ROC steps (trapezoids between tie groups = ties counted as one half; see RocSummary). */
export function aucFromSteps(steps: RocSteps): number {
  return summarizeSteps(steps, [], Infinity).auc();
}

export function weightedRocAuc(scores: Float64Array, labels: Uint8Array, weights: Float64Array | null, mask?: Uint8Array): number {
  return aucFromSteps(maskedRocSteps(scores, labels, weights, mask));
}

export const aucMetric = describeMetric({
  id: "auc",
  name: "ROC AUC",
  direction: "max",
  range: [0, 1],
  precision: 5,
  needsWeights: false,
  targets: ["binary"],
  submissionFormat: "scores",
  compute: (data) => rocSummaryOf(data, [], Infinity).auc(),
  resample: (data) => {
    const events = rankedEventsOf(data);
    return { events: data.prediction.length, metric: (m) => resampledAuc(events, m) };
  },
});
