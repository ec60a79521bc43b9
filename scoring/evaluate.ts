/**
 * Evaluation of parsed submissions per subset: primary value, details and (optionally) bootstrap std.
 * Kept apart from the registry so the descriptors stay plain data.
 */
import { bootstrapStd } from "./metrics/bootstrap";
import { amsCurve } from "./metrics/ams-curve";
import { amsFromSelection } from "./metrics/ams";
import { rankingTotals, walkGroups } from "./metrics/ranked-walk";
import { rankByScore } from "./metrics/ranking";
import {
  Cumulative,
  rankedEvents,
  resampledAms,
  resampledAuc,
  resampledEfficiency,
  resampledMaxSic,
  splitWeights,
  type RankedEvents,
} from "./metrics/resampled";
import { RocCurve } from "./metrics/roc-curve";
import { RocSummary } from "./metrics/roc-summary";
import { DEFAULT_SIC_MIN_BACKGROUND } from "./metrics/sic";
import type { Workspace } from "./metrics/workspace";
import type { Solution } from "./solution";
import type { HiggsSubmission } from "./parsing/submission-higgs";
import type { ScoreSubmission } from "./parsing/submission-scores";

/** Details of one subset: JSON-serialisable numbers, the primary metric and its bootstrap std when asked for. */
export type SubsetScore = Record<string, number | number[]> & { primary: number; std?: number };

export interface Subset {
  /** Its rows, ascending. */
  rows: Int32Array;
  /** The signed weights of those rows, in that order (see signedWeights): what score metrics rank with the scores. */
  signed: Float64Array;
  /** Its index in the list of subsets. */
  index: number;
  /** Whether curves meant for competitors (the AMS curve) are included. */
  public: boolean;
}

/** The subsets of one solution, built once (the server scores many submissions against one solution). */
export interface Subsets {
  list: Subset[];
  /** Scratch arrays for scoring against this solution, reused from one submission to the next. */
  workspace: Workspace;
}

export interface EvaluateOptions {
  bootstrap: number;
  /** Scratch memory reused between scorings (Subsets.workspace). */
  workspace?: Workspace;
  seed: number;
  sicMinBackground?: number;
  amsCurvePoints?: number;
}

/** Adds the bootstrap std when asked for; `resampler` lays the events out once and returns the per-resample metric. */
export function withStd(
  score: SubsetScore,
  opts: EvaluateOptions,
  resampler: () => [count: number, metric: (m: Uint8Array) => number],
): SubsetScore {
  if (opts.bootstrap > 0) {
    const [count, metric] = resampler();
    score.std = bootstrapStd(count, metric, { resamples: opts.bootstrap, seed: opts.seed });
  }
  return score;
}

export function evaluateAms(solution: Solution, submission: HiggsSubmission, subset: Subset, opts: EvaluateOptions): SubsetScore {
  const { labels, weights } = solution;
  const { ams, s, b } = amsFromSelection(labels, weights, submission.isSignal, subset.rows);
  const score: SubsetScore = { primary: ams, ams, s, b };
  if (subset.public) {
    const curve = amsCurve(submission.rankOrder, subset.signed, subset.rows, { points: opts.amsCurvePoints, workspace: opts.workspace });
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

/**
 * The ROC metrics the leaderboard began with: one walk over the ranked events gives all four (each is reported beside
 * whichever is primary), so they are evaluated here together rather than one descriptor at a time.
 */
export const ROC_SUMMARY_METRICS = ["auc", "sic", "eff-at-1e-2", "eff-at-1e-3"] as const;
export type ScoreMetricId = (typeof ROC_SUMMARY_METRICS)[number];

export function isRocSummaryMetric(id: string): id is ScoreMetricId {
  return (ROC_SUMMARY_METRICS as readonly string[]).includes(id);
}

/** The ε_B targets of the eff-at metrics, in the order RocSummary is given them. */
const EFFICIENCY_TARGETS = [1e-2, 1e-3];

function primaryOf(metricId: ScoreMetricId, summary: RocSummary): number {
  switch (metricId) {
    case "auc":
      return summary.auc();
    case "sic":
      return summary.maxSic().sic;
    case "eff-at-1e-2":
      return summary.efficiency(0);
    case "eff-at-1e-3":
      return summary.efficiency(1);
  }
}

/**
 * Every score metric of every subset; `metricId` picks the primary one (and the one bootstrapped). Each subset is
 * ranked and walked on its own (see ranked-walk.ts), and finished, bootstrap included, before the next one reuses the
 * workspace's arrays.
 */
export function evaluateScores(
  submission: ScoreSubmission,
  subsets: Subsets,
  metricId: ScoreMetricId,
  opts: EvaluateOptions,
): SubsetScore[] {
  const minBackground = opts.sicMinBackground ?? DEFAULT_SIC_MIN_BACKGROUND;
  return subsets.list.map((subset) => {
    const { workspace } = subsets;
    const ranking = rankByScore(submission.scores, subset.signed, subset.rows, workspace);
    const [totalSignal, totalBackground] = rankingTotals(ranking);
    // Competitors see the ROC curve of the public subset only (the private one would leak the private labels' shape).
    const curve = subset.public ? new RocCurve(totalSignal, totalBackground) : null;
    const summary = new RocSummary(totalSignal, totalBackground, EFFICIENCY_TARGETS, minBackground, curve);
    walkGroups(ranking, summary);
    const sic = summary.maxSic();
    const score: SubsetScore = {
      primary: primaryOf(metricId, summary),
      auc: summary.auc(),
      "eff-at-1e-2": summary.efficiency(0),
      "eff-at-1e-3": summary.efficiency(1),
      sic: sic.sic,
      sicEpsS: sic.epsS,
      sicEpsB: sic.epsB,
      sicThreshold: sic.threshold,
    };
    if (curve) {
      score.rocEpsB = curve.epsB;
      score.rocEpsS = curve.epsS;
    }
    return withStd(score, opts, () => {
      const events = rankedEvents(ranking);
      const sums = new Cumulative(events);
      return [subset.rows.length, (m) => resampledPrimary(metricId, events, m, minBackground, sums)];
    });
  });
}

function resampledPrimary(
  metricId: ScoreMetricId,
  events: RankedEvents,
  m: Uint8Array,
  sicMinBackground: number,
  sums: Cumulative,
): number {
  switch (metricId) {
    case "auc":
      return resampledAuc(events, m);
    case "sic":
      return resampledMaxSic(events, m, sicMinBackground);
    case "eff-at-1e-2":
      return resampledEfficiency(events, m, 1e-2, sums);
    case "eff-at-1e-3":
      return resampledEfficiency(events, m, 1e-3, sums);
  }
}
