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
import { maskedRocSteps, type RocSteps } from "./ranking";
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
