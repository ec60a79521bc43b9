/**
 * Per-subset evaluation of parsed submissions: primary value, details and (optionally) bootstrap std.
 * Kept apart from the registry so the descriptors stay plain data.
 */
import { bootstrapStd } from "./metrics/bootstrap";
import { amsCurve } from "./metrics/ams-curve";
import { amsFromSelection } from "./metrics/ams";
import { rankByScore, rocSteps, type RocSteps } from "./metrics/ranking";
import { rankedEvents, resampledAms, resampledAuc, resampledEfficiency, resampledMaxSic, splitWeights, type RankedEvents } from "./metrics/resampled";
import { aucFromSteps } from "./metrics/roc-auc";
import { efficiencyAtBackgroundFromSteps } from "./metrics/signal-efficiency";
import { DEFAULT_SIC_MIN_BACKGROUND, maxSicFromSteps } from "./metrics/sic";
import type { Solution } from "./solution";
import type { HiggsSubmission } from "./submission-higgs";
import type { ScoreSubmission } from "./submission-scores";

/** Details of one subset: JSON-serialisable numbers, the primary metric and its bootstrap std when asked for. */
export type SubsetScore = Record<string, number | number[]> & { primary: number; std?: number };

export interface Subset {
  mask: Uint8Array;
  rows: Int32Array;
  /** Whether curves meant for competitors (the AMS curve) are included. */
  public: boolean;
}

export interface EvaluateOptions {
  bootstrap: number;
  seed: number;
  sicMinBackground?: number;
  amsCurvePoints?: number;
}

/** Adds the bootstrap std when asked for; `resampler` lays the events out once and returns the per-resample metric. */
function withStd(score: SubsetScore, opts: EvaluateOptions, resampler: () => [count: number, metric: (m: Uint8Array) => number]): SubsetScore {
  if (opts.bootstrap > 0) {
    const [count, metric] = resampler();
    score.std = bootstrapStd(count, metric, { resamples: opts.bootstrap, seed: opts.seed });
  }
  return score;
}

export function evaluateAms(solution: Solution, submission: HiggsSubmission, subset: Subset, opts: EvaluateOptions): SubsetScore {
  const { labels, weights } = solution;
  const { ams, s, b } = amsFromSelection(labels, weights, submission.isSignal, subset.mask);
  const score: SubsetScore = { primary: ams, ams, s, b };
  if (subset.public) {
    const curve = amsCurve(submission.rankOrder, labels, weights, subset.mask, { points: opts.amsCurvePoints });
    score.curveSelected = curve.selected;
    score.curveAms = curve.ams;
    score.curveMax = curve.max;
    score.curveMaxSelected = curve.argmax;
  }
  // Only the selected events of the subset move s and b, so only they need multiplicities.
  return withStd(score, opts, () => {
    const { rows } = subset;
    const selected = rows.filter((row) => submission.isSignal[row] === 1);
    const events = splitWeights(selected, labels, weights);
    return [selected.length, (m) => resampledAms(events, m)];
  });
}

export type ScoreMetricId = "auc" | "sic" | "eff-at-1e-2" | "eff-at-1e-3";

function primaryFromSteps(metricId: ScoreMetricId, steps: RocSteps, sicMinBackground: number): number {
  switch (metricId) {
    case "auc":
      return aucFromSteps(steps);
    case "sic":
      return maxSicFromSteps(steps, sicMinBackground).sic;
    case "eff-at-1e-2":
      return efficiencyAtBackgroundFromSteps(steps, 1e-2);
    case "eff-at-1e-3":
      return efficiencyAtBackgroundFromSteps(steps, 1e-3);
  }
}

/** Every score metric from one sort; `metricId` picks the primary one (and the one bootstrapped). */
export function evaluateScores(
  solution: Solution,
  submission: ScoreSubmission,
  subset: Subset,
  metricId: ScoreMetricId,
  opts: EvaluateOptions,
): SubsetScore {
  const { labels, weights } = solution;
  const { scores } = submission;
  const minBackground = opts.sicMinBackground ?? DEFAULT_SIC_MIN_BACKGROUND;
  const ranking = rankByScore(scores, subset.mask);
  const steps = rocSteps(ranking, labels, weights);
  const sic = maxSicFromSteps(steps, minBackground);
  const score: SubsetScore = {
    primary: primaryFromSteps(metricId, steps, minBackground),
    auc: aucFromSteps(steps),
    "eff-at-1e-2": efficiencyAtBackgroundFromSteps(steps, 1e-2),
    "eff-at-1e-3": efficiencyAtBackgroundFromSteps(steps, 1e-3),
    sic: sic.sic,
    sicEpsS: sic.epsS,
    sicEpsB: sic.epsB,
    sicThreshold: sic.threshold,
  };
  return withStd(score, opts, () => {
    const events = rankedEvents(ranking, labels, weights);
    return [ranking.order.length, (m) => resampledPrimary(metricId, events, m, minBackground)];
  });
}

function resampledPrimary(metricId: ScoreMetricId, events: RankedEvents, m: Uint8Array, sicMinBackground: number): number {
  switch (metricId) {
    case "auc":
      return resampledAuc(events, m);
    case "sic":
      return resampledMaxSic(events, m, sicMinBackground);
    case "eff-at-1e-2":
      return resampledEfficiency(events, m, 1e-2);
    case "eff-at-1e-3":
      return resampledEfficiency(events, m, 1e-3);
  }
}
