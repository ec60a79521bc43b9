/**
 * What the baseline measures on held-out events: the cut on a score that maximises AMS (the threshold a submission
 * then applies to the test set), the AMS of a given cut, and the weighted binary cross-entropy used for early stopping.
 *
 * The cut must rest on enough background events. Renormalised to the full totals, each background event of a small
 * validation set weighs hundreds, so b moves in large random jumps; a cut keeping only a handful of them can show an
 * AMS several times the true one by luck and then fail on the test set. With the XGBoost baseline on five splits of
 * the real HiggsML sample (2,700 validation events), the unconstrained maximum sat at ~2% selected and scored 2.4 on
 * average on test, against 3.2 with at least 50 background events selected (25: 3.2, 100: 3.1, 200: 2.9). The floor is
 * capped at a tenth of the set's background events, so tiny sets still get a cut.
 *
 * Worked example (bestCut with minBackground 1): scores [0.9, 0.8, 0.3, 0.1], labels [1, 1, 0, 0],
 * weights [1, 1, 50, 50] → only cuts with ≥ 1 background event count: at 0.3 AMS(2, 50) = 0.25678, at 0.1
 * AMS(2, 100) = 0.19012; the best cut is "score ≥ 0.3", 3 events (75%) selected. Without the floor (0), "score ≥ 0.8"
 * would win with AMS(2, 0) = 0.61296.
 */
import { ams, amsFromSelection } from "../../../scoring/metrics/ams";
import { maskedRocSteps } from "../../../scoring/metrics/ranking";

export interface Cut {
  /** Select events with score ≥ threshold (Infinity: none). */
  threshold: number;
  ams: number;
  /** Events selected on the set the cut was chosen on, and their share of it. */
  selected: number;
  selectedFraction: number;
}

/** Fewest (unweighted) background events a chosen cut may select. */
export const DEFAULT_MIN_BACKGROUND = 50;

/** The threshold maximising AMS; ties in score are selected together, as any threshold must. */
export function bestCut(scores: ArrayLike<number>, label: Uint8Array, weight: Float64Array, minBackground = DEFAULT_MIN_BACKGROUND): Cut {
  const steps = maskedRocSteps(Float64Array.from(scores), label, weight);
  const floor = Math.min(minBackground, Math.ceil(steps.backgroundCount[steps.length - 1]! / 10));
  let best = 0;
  let bestAms = 0;
  for (let g = 1; g < steps.length; g++) {
    if (steps.backgroundCount[g]! < floor) continue;
    const value = ams(steps.signal[g]!, steps.background[g]!);
    if (value > bestAms) {
      bestAms = value;
      best = g;
    }
  }
  const threshold = best === 0 ? Infinity : steps.threshold[best]!;
  let selected = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= threshold) selected++;
  return { threshold, ams: bestAms, selected, selectedFraction: scores.length === 0 ? 0 : selected / scores.length };
}

/** AMS of selecting the events with score ≥ threshold. */
export function amsAtThreshold(scores: ArrayLike<number>, label: Uint8Array, weight: Float64Array, threshold: number): number {
  const selected = Uint8Array.from({ length: label.length }, (_, i) => (scores[i]! >= threshold ? 1 : 0));
  return amsFromSelection(label, weight, selected).ams;
}

/** Probabilities are clipped so that a confident mistake costs a large but finite loss. */
const EPS = 1e-7;

/** Weighted mean binary cross-entropy: Σ w·(−y ln p − (1−y) ln(1−p)) / Σ w. */
export function weightedLogLoss(prob: ArrayLike<number>, label: Uint8Array, weight: ArrayLike<number>): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < label.length; i++) {
    const p = Math.min(1 - EPS, Math.max(EPS, prob[i]!));
    sum -= weight[i]! * (label[i] ? Math.log(p) : Math.log(1 - p));
    total += weight[i]!;
  }
  return sum / total;
}
