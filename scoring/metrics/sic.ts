/**
 * Significance Improvement Characteristic, SIC = ε_S / √ε_B, maximised over cuts on the score. Cuts keeping
 * fewer than `minBackground` background events (unweighted count) are not considered: with a handful of
 * background events ε_B is pure noise and 1/√ε_B explodes. Weighted (weights null = 1 each); NaN when no cut
 * qualifies or a class is absent.
 *
 * Worked example: 2 signal and 4 background events, scores s: [0.9, 0.6], b: [0.8, 0.5, 0.4, 0.3], minBackground 1:
 * cut ≥ 0.8 → ε_S 0.5, ε_B 0.25 → SIC 1; ≥ 0.6 → 1 / √0.25 = 2; ≥ 0.5 → 1/√0.5 = 1.414…; ... → max 2 at 0.6.
 */
import { describeMetric } from "../metric-descriptor";
import { rankedEventsOf, rocSummaryOf } from "./binary-data";
import { maskedRocSteps, type RocSteps } from "./ranking";
import { resampledMaxSic } from "./resampled";
import { summarizeSteps, type SicResult } from "./roc-summary";

export type { SicResult } from "./roc-summary";

export const DEFAULT_SIC_MIN_BACKGROUND = 25;

export function maxSicFromSteps(steps: RocSteps, minBackground = DEFAULT_SIC_MIN_BACKGROUND): SicResult {
  return summarizeSteps(steps, [], minBackground).maxSic();
}

export function maxSic(
  scores: Float64Array,
  labels: Uint8Array,
  weights: Float64Array | null,
  opts: { minBackground?: number; mask?: Uint8Array } = {},
): SicResult {
  return maxSicFromSteps(maskedRocSteps(scores, labels, weights, opts.mask), opts.minBackground);
}

export const sicMetric = describeMetric({
  id: "sic",
  name: "Max SIC",
  direction: "max",
  range: [0, null],
  precision: 3,
  needsWeights: false,
  targets: ["binary"],
  submissionFormat: "scores",
  params: [
    {
      id: "minBackground",
      name: "Minimum background events kept by a cut",
      min: 1,
      max: 1e9,
      exclusive: false,
      default: DEFAULT_SIC_MIN_BACKGROUND,
      integer: true,
    },
  ],
  compute: (data, params) => rocSummaryOf(data, [], params.minBackground!).maxSic().sic,
  resample: (data, params) => {
    const events = rankedEventsOf(data);
    return { events: data.prediction.length, metric: (m) => resampledMaxSic(events, m, params.minBackground!) };
  },
});
