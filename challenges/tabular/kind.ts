/**
 * Tabular: any dataset an organiser brings (train.csv, test.csv and an answer key), with any metric whose target
 * type the key has. The submission follows the target: one score (binary), a probability per class (multi-class)
 * or a value (regression); scoring/ parses and scores it through the metric's descriptor.
 */
import { metricDescriptors, scoreSubmission, type MetricId } from "../../scoring/registry";
import type { TargetType } from "../../scoring/metric-descriptor";
import type { ChallengeKind } from "../kind";
import { tabularDescription } from "./description";
import { massBuiltIn } from "./higgs-mass";
import { processesBuiltIn } from "./higgs-processes";
import { tabularUpload } from "./upload-form";

/** The metrics a tabular key can be scored by: every metric computed against an answer key from a generic submission. */
const TABULAR_METRICS: readonly MetricId[] = metricDescriptors
  .filter((m) => m.compute !== null && m.submissionFormat !== "higgs")
  .map((m) => m.id);

/** The metrics that can score a key of this target type, for the organiser's choice. */
export function tabularMetricsFor(target: TargetType): MetricId[] {
  return metricDescriptors.filter((m) => TABULAR_METRICS.includes(m.id) && m.targets.includes(target)).map((m) => m.id);
}

export const tabularKind: ChallengeKind = {
  id: "tabular",
  label: "Tabular: your own CSV files, any metric",
  category: "Tabular",
  metrics: TABULAR_METRICS,
  scoring: { by: "answer-key" },
  score: ({ solution, submission, metricId, params, gates, bootstrap, seed }) => {
    if (!solution) throw new Error("a tabular submission is scored against an answer key, and none was loaded");
    return scoreSubmission({ solution, submission, metricId, params, gates, bootstrap, seed });
  },
  answerKey: { testFiles: ["test.csv"] },
  fileRows: "csv",
  description: tabularDescription,
  reference: /^## (The data files|Submission format|Public and private leaderboards|Checks on control events)/,
  uploads: [tabularUpload(TABULAR_METRICS)],
  regenerate: "void",
  builtIns: [massBuiltIn, processesBuiltIn],
  // The generic trainer, for any target: the key's type and the metric pick the objective (baseline/task.ts).
  baselines: {
    trainer: "generic",
    families: [
      { id: "xgboost", label: "XGBoost", needsXgboost: true },
      { id: "tfjs", label: "MLP (tfjs)" },
      { id: "both", label: "both", needsXgboost: true },
    ],
    defaultFamily: "xgboost",
  },
};
