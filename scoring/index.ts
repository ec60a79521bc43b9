/** Public API of the scoring library (pure: no I/O, no framework). */
export { DEFAULT_MAX_BYTES, type ByteSource } from "./parsing/byte-source";
export { DEFAULT_MAX_LINE_BYTES, type CsvReadOptions } from "./parsing/csv-reader";
export { CsvFormatError, MAX_REPORTED_PROBLEMS, SolutionFormatError, SubmissionFormatError, type FormatProblem } from "./parsing/errors";
export {
  solutionFromColumns,
  USAGE,
  USAGE_IGNORED,
  USAGE_NAMES,
  USAGE_PRIVATE,
  USAGE_PUBLIC,
  type Solution,
  type SolutionColumns,
  type SolutionTarget,
  type Usage,
} from "./solution";
export { parseSolution, solutionCsv, type SolutionReadOptions } from "./parsing/solution-csv";
export { createSolutionIndex, type SolutionIndex } from "./parsing/solution-index";
export { parseHiggsSubmission, type HiggsSubmission } from "./parsing/submission-higgs";
export { parseScoreSubmission, type ScoreSubmission } from "./parsing/submission-scores";
export { ams, amsFromSelection, AMS_B_REG, type AmsResult } from "./metrics/ams";
export { amsCurve, type AmsCurve, type AmsCurveOptions } from "./metrics/ams-curve";
export { weightedRocAuc } from "./metrics/roc-auc";
export { signalEfficiencyAtBackground } from "./metrics/signal-efficiency";
export { DEFAULT_SIC_MIN_BACKGROUND, maxSic, type SicResult } from "./metrics/sic";
export { bootstrapStd, poissonMultiplicities, type BootstrapOptions } from "./metrics/bootstrap";
export { createRng, seedKey, Xoshiro128 } from "./prng";
export type { SubsetScore } from "./evaluate";
export {
  isBetter,
  validateMetricParams,
  type MetricData,
  type MetricDirection,
  type MetricParameter,
  type MetricParams,
  type Resampled,
  type SubmissionFormat,
  type TargetType,
} from "./metric-descriptor";
export {
  isMetricId,
  METRICS,
  metricDescriptors,
  scoreSubmission,
  type MetricDescriptor,
  type MetricId,
  type ScoreRequest,
  type ScoreResult,
  type SubsetName,
} from "./registry";
export { applyGates, GateFailedError, gateFailureMessage, type GateOutcome } from "./gates/apply-gates";
export {
  controlCounts,
  gateField,
  GATE_IDS,
  gateRequirementIssues,
  gateSettingsSchema,
  gateShortName,
  gatesOfConfig,
  type ControlCounts,
  type GateId,
  type GateSetting,
} from "./gates/gate-settings";
