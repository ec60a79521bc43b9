/**
 * Background rejection 1/ε_B at a chosen signal efficiency ε_S (jet tagging's figure of merit): the smallest ε_B of
 * any cut on the score whose ε_S reaches the target, inverted. The step rule of signal-efficiency.ts: cuts keep whole
 * tie groups, nothing is interpolated, so the figure belongs to a real threshold (the first point of sklearn's
 * roc_curve, drop_intermediate=False, with tpr ≥ ε_S). Weighted (weights null = 1 each); NaN when a class is absent;
 * Infinity when that cut keeps no background at all (a perfect tagger at this ε_S; it ranks above any finite value).
 *
 * Worked example: scores [0.9, 0.8, 0.7, 0.6, 0.5, 0.4], labels [0, 1, 0, 1, 0, 0], unit weights: cuts
 * ≥ 0.9 → (ε_S 0, ε_B ¼); ≥ 0.8 → (½, ¼); ≥ 0.7 → (½, ½); ≥ 0.6 → (1, ½). At ε_S = 0.5 the rejection is 1/¼ = 4,
 * at ε_S = 1 it is 1/½ = 2.
 */
import { describeMetric, type MetricData, type Resampled } from "../metric-descriptor";
import { rankedEventsOf, rocStepsOf } from "./binary-data";
import type { RocSteps } from "./ranking";
import { Cumulative, resampledRejection } from "./resampled";

export function rejectionAtSignalFromSteps(steps: RocSteps, signalEfficiency: number): number {
  const { totalSignal, totalBackground } = steps;
  if (!(totalSignal > 0 && totalBackground > 0)) return NaN;
  for (let g = 1; g < steps.length; g++) {
    if (steps.signal[g]! / totalSignal >= signalEfficiency) return totalBackground / steps.background[g]!;
  }
  return NaN;
}

export function backgroundRejection(data: MetricData, signalEfficiency: number): number {
  return rejectionAtSignalFromSteps(rocStepsOf(data), signalEfficiency);
}

function resampleRejection(data: MetricData, signalEfficiency: number): Resampled {
  const events = rankedEventsOf(data);
  const sums = new Cumulative(events);
  return { events: data.prediction.length, metric: (m) => resampledRejection(events, m, signalEfficiency, sums) };
}

export const backgroundRejectionMetric = describeMetric({
  id: "rejection-at-eps-s",
  name: "Background rejection 1/ε_B at a chosen ε_S",
  direction: "max",
  range: [1, null],
  precision: 2,
  needsWeights: false,
  targets: ["binary"],
  submissionFormat: "scores",
  params: [{ id: "epsS", name: "Signal efficiency ε_S", min: 0.001, max: 1, exclusive: false, default: 0.5 }],
  compute: (data, params) => backgroundRejection(data, params.epsS!),
  resample: (data, params) => resampleRejection(data, params.epsS!),
});
