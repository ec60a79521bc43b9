/**
 * Signal efficiency ε_S at a fixed background efficiency ε_B (typically 1e-2, 1e-3), by a step rule:
 * the largest ε_S of any cut on the score whose ε_B does not exceed the target. No interpolation between
 * cuts, so the number is always achieved by a real threshold (conservative, and identical for the bootstrap).
 * A cut keeps whole tie groups. Weighted (weights null = 1 each); NaN when a class is absent.
 *
 * Worked example: scores [0.9, 0.8, 0.7, 0.6], labels [1, 0, 1, 0], unit weights, target ε_B = 0.5:
 * cut ≥ 0.9 → (ε_S 0.5, ε_B 0); ≥ 0.8 → (0.5, 0.5); ≥ 0.7 → (1, 0.5); ≥ 0.6 → (1, 1). Result 1.
 * At target 0.4 the result is 0.5.
 */
import { describeMetric, type MetricParams } from "../metric-descriptor";
import { rankedEventsOf, rocSummaryOf } from "./binary-data";
import { maskedRocSteps, type RocSteps } from "./ranking";
import { Cumulative, resampledEfficiency } from "./resampled";
import { summarizeSteps } from "./roc-summary";

export function efficiencyAtBackgroundFromSteps(steps: RocSteps, backgroundEfficiency: number): number {
  return summarizeSteps(steps, [backgroundEfficiency], Infinity).efficiency(0);
}

export function signalEfficiencyAtBackground(
  scores: Float64Array,
  labels: Uint8Array,
  weights: Float64Array | null,
  backgroundEfficiency: number,
  mask?: Uint8Array,
): number {
  return efficiencyAtBackgroundFromSteps(maskedRocSteps(scores, labels, weights, mask), backgroundEfficiency);
}

/** ε_S at ε_B with ε_B fixed in the id (the metrics of existing challenges) or chosen by the organiser (epsB). */
function efficiencyMetric<Id extends string>(id: Id, name: string, epsB: (params: MetricParams) => number, chosen: boolean) {
  return describeMetric({
    id,
    name,
    direction: "max",
    range: [0, 1],
    precision: 4,
    needsWeights: false,
    targets: ["binary"],
    submissionFormat: "scores",
    params: chosen ? [{ id: "epsB", name: "Background efficiency ε_B", min: 0, max: 1, exclusive: true, default: 1e-3 }] : [],
    compute: (data, params) => rocSummaryOf(data, [epsB(params)], Infinity).efficiency(0),
    resample: (data, params) => {
      const events = rankedEventsOf(data);
      const target = epsB(params);
      const sums = new Cumulative(events);
      return { events: data.prediction.length, metric: (m) => resampledEfficiency(events, m, target, sums) };
    },
  });
}

export const efficiencyAt1e2Metric = efficiencyMetric("eff-at-1e-2", "ε_S at ε_B = 10⁻²", () => 1e-2, false);
export const efficiencyAt1e3Metric = efficiencyMetric("eff-at-1e-3", "ε_S at ε_B = 10⁻³", () => 1e-3, false);
export const efficiencyAtBackgroundMetric = efficiencyMetric("eff-at-eps-b", "ε_S at a chosen ε_B", (p) => p.epsB!, true);
