/**
 * The metric descriptors in one list (as RAMP's score types; see metric-descriptor.ts), plus scoreSubmission, the
 * single entry point that turns a solution and a submission into leaderboard numbers.
 */
import type { ByteSource } from "./parsing/byte-source";
import type { CsvReadOptions } from "./parsing/csv-reader";
import { evaluateAms, evaluateScores, isRocSummaryMetric, type Subset, type Subsets, type SubsetScore } from "./evaluate";
import { evaluateMetric } from "./evaluate-metric";
import { describeMetric, validateMetricParams, type MetricDescriptor } from "./metric-descriptor";
import { amsMetric } from "./metrics/ams";
import { maskedRows, signedWeights } from "./metrics/ranking";
import { aucMetric } from "./metrics/roc-auc";
import { sicMetric } from "./metrics/sic";
import { efficiencyAt1e2Metric, efficiencyAt1e3Metric } from "./metrics/signal-efficiency";
import { tabularMetrics } from "./metrics/tabular";
import { Workspace } from "./metrics/workspace";
import { USAGE_PRIVATE, USAGE_PUBLIC, type Solution } from "./solution";
import { createSolutionIndex } from "./parsing/solution-index";
import { parseHiggsSubmission, type HiggsSubmission } from "./parsing/submission-higgs";
import { parseProbabilitySubmission } from "./parsing/submission-probabilities";
import { parseScoreSubmission, VALUE_SUBMISSION_COLUMNS, type ScoreSubmission } from "./parsing/submission-scores";
import { applyGates, type GateOutcome } from "./gates/apply-gates";
import type { GateSetting } from "./gates/gate-settings";

/** Efficiency minus the budget penalty, which reaches 1.1 at the hard cost cap: scored by simulation, not here. */
const designScoreMetric = describeMetric({
  id: "design-score",
  name: "Design score",
  direction: "max",
  range: [-1.1, 1],
  precision: 4,
  needsWeights: false,
  targets: [],
  submissionFormat: "design",
  compute: null,
  resample: null,
});

/** Every metric, in the order pages list them. */
export const metricDescriptors = [
  amsMetric,
  aucMetric,
  sicMetric,
  efficiencyAt1e2Metric,
  efficiencyAt1e3Metric,
  ...tabularMetrics,
  designScoreMetric,
] as const;

export type MetricId = (typeof metricDescriptors)[number]["id"];

export const METRICS: Readonly<Record<MetricId, MetricDescriptor<MetricId>>> = Object.fromEntries(
  metricDescriptors.map((m) => [m.id, m]),
) as Record<MetricId, MetricDescriptor<MetricId>>;

export function isMetricId(id: string): id is MetricId {
  return Object.hasOwn(METRICS, id);
}

export type { MetricDescriptor, SubmissionFormat } from "./metric-descriptor";

export type SubsetName = "Public" | "Private";
/** Per leaderboard its score; `gates` the outcomes of the challenge's switched-on gates (all passed). */
export type ScoreResult = Record<SubsetName, SubsetScore> & { gates?: GateOutcome[] };

export interface ScoreRequest {
  solution: Solution;
  /** Raw bytes (CSV, optionally gzip) or an already parsed submission of the metric's format. */
  submission: ByteSource | HiggsSubmission | ScoreSubmission;
  metricId: MetricId;
  /** Bootstrap resamples for the std of the primary metric; 0 or absent = none. */
  bootstrap?: number;
  seed?: number;
  csv?: CsvReadOptions;
  sicMinBackground?: number;
  amsCurvePoints?: number;
  /** The organiser's choices for the metric's parameters (validated; absent ones take their defaults). */
  params?: Readonly<Record<string, unknown>>;
  /** The challenge's gates (scoring/gates/): checked on the control rows' scores before scoring; failing throws GateFailedError. */
  gates?: readonly GateSetting[];
}

const SUBSET_NAMES: readonly SubsetName[] = ["Public", "Private"];
const subsetCache = new WeakMap<Solution, Subsets>();

/** Public and Private row lists, built once per solution. */
function subsetsOf(solution: Solution): Subsets {
  let subsets = subsetCache.get(solution);
  if (!subsets) {
    subsets = { list: [subsetOf(solution, USAGE_PUBLIC, 0), subsetOf(solution, USAGE_PRIVATE, 1)], workspace: new Workspace() };
    subsetCache.set(solution, subsets);
  }
  return subsets;
}

function subsetOf(solution: Solution, code: number, index: number): Subset {
  const rows = maskedRows(solution.usage.map((usage) => (usage === code ? 1 : 0)));
  // An empty subset would yield a meaningless 0 or NaN: that is a solution (organiser) error, say so.
  if (rows.length === 0) throw new Error(`the solution has no ${SUBSET_NAMES[index]} rows`);
  // Signed weights serve the ranked binary metrics only.
  const signed = solution.target.type === "binary" ? signedWeights(solution.labels, solution.weights, rows) : new Float64Array(0);
  return { rows, signed, index, public: code === USAGE_PUBLIC };
}

/**
 * Parses (unless already parsed), validates and scores a submission on the Public and Private subsets.
 * A malformed submission throws SubmissionFormatError; nothing is ever scored as a silent 0.
 */
export async function scoreSubmission(req: ScoreRequest): Promise<ScoreResult> {
  const { solution, submission, metricId } = req;
  const descriptor = METRICS[metricId];
  if (!descriptor) throw new Error(`unknown metric ${JSON.stringify(metricId)}`);
  if (descriptor.compute === null) throw new Error(`${metricId} is scored by simulating the design, not against a solution`);
  if (!descriptor.targets.includes(solution.target.type)) {
    throw new Error(
      `${descriptor.name} scores ${descriptor.targets.join(" or ")} targets; this answer key's target is ${solution.target.type}`,
    );
  }
  const params = validateMetricParams(descriptor, req.params);
  const subsets = subsetsOf(solution);
  const opts = {
    bootstrap: req.bootstrap ?? 0,
    seed: req.seed ?? 0,
    sicMinBackground: req.sicMinBackground,
    amsCurvePoints: req.amsCurvePoints,
    workspace: subsets.workspace,
  };
  const index = createSolutionIndex(solution);
  const result: Partial<ScoreResult> = {};
  const store = (scores: SubsetScore[]) => scores.forEach((score, k) => (result[SUBSET_NAMES[k]!] = score));
  const parsedFormat = "rankOrder" in submission ? "higgs" : "scores" in submission ? "scores" : null;
  if (
    parsedFormat !== null &&
    parsedFormat !== descriptor.submissionFormat &&
    !(parsedFormat === "scores" && solution.target.type !== "multiclass")
  ) {
    throw new Error(`metric ${metricId} needs a ${descriptor.submissionFormat} submission, got a parsed ${parsedFormat} one`);
  }
  // What it parses here, it gives back to the index's pool once scored (the result holds none of those arrays).
  const gates = req.gates ?? [];
  if (gates.length > 0 && (descriptor.submissionFormat === "higgs" || solution.target.type === "multiclass")) {
    throw new Error(
      `gates read one score per event; a ${descriptor.submissionFormat} submission of a ${solution.target.type} key has none`,
    );
  }
  if (descriptor.submissionFormat === "higgs") {
    const given = "rankOrder" in submission;
    const parsed = given ? submission : await parseHiggsSubmission(submission as ByteSource, index, req.csv);
    try {
      for (const subset of subsets.list) result[SUBSET_NAMES[subset.index]!] = evaluateAms(solution, parsed, subset, opts);
    } finally {
      if (!given) index.arrays.give(parsed.rankOrder, parsed.isSignal);
    }
  } else if (solution.target.type === "multiclass") {
    const parsed = await parseProbabilitySubmission(submission as ByteSource, index, solution.target.classes, req.csv);
    store(evaluateMetric(descriptor, params, solution, parsed.probabilities, parsed.classes, subsets.list, opts));
  } else {
    const given = "scores" in submission;
    const format =
      descriptor.submissionFormat === "values"
        ? { columns: VALUE_SUBMISSION_COLUMNS }
        : { probability: descriptor.submissionFormat === "probabilities" };
    const parsed = given ? submission : await parseScoreSubmission(submission as ByteSource, index, req.csv, format);
    try {
      if (gates.length > 0) result.gates = applyGates(solution, parsed.scores, gates);
      if (isRocSummaryMetric(metricId)) store(evaluateScores(parsed, subsets, metricId, opts));
      else store(evaluateMetric(descriptor, params, solution, parsed.scores, 1, subsets.list, opts));
    } finally {
      if (!given) index.arrays.give(parsed.scores);
    }
  }
  return result as ScoreResult;
}
