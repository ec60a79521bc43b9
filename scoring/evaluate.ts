/**
 * Per-subset evaluation of parsed submissions: primary value, details and (optionally) bootstrap std.
 * Kept apart from the registry so the descriptors stay plain data.
 */
import { bootstrapStd } from "./metrics/bootstrap";
import { amsCurve } from "./metrics/ams-curve";
import { amsFromSelection } from "./metrics/ams";
import { rankByScore, rocSteps, type RocSteps } from "./metrics/ranking";
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

function withStd(score: SubsetScore, subset: Subset, size: number, opts: EvaluateOptions, metric: (m: Float64Array) => number): SubsetScore {
  if (opts.bootstrap > 0) score.std = bootstrapStd(subset.rows, size, metric, { resamples: opts.bootstrap, seed: opts.seed });
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
  let scaled: Float64Array | null = null;
  return withStd(score, subset, weights.length, opts, (m) => {
    scaled ??= new Float64Array(weights.length);
    for (let i = 0; i < m.length; i++) scaled[i] = weights[i]! * m[i]!;
    return amsFromSelection(labels, scaled, submission.isSignal, subset.mask).ams;
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
  return withStd(score, subset, labels.length, opts, (m) => primaryFromSteps(metricId, rocSteps(ranking, labels, weights, m), minBackground));
}
