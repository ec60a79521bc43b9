/** The metrics a tabular challenge can choose from, beyond the Higgs and ROC ones the registry lists first. */
import { accuracyMetric } from "./accuracy";
import { backgroundRejectionMetric } from "./background-rejection";
import { balancedAccuracyMetric } from "./balanced-accuracy";
import { f1Metric } from "./f1";
import { logLossMetric } from "./log-loss";
import { maeMetric } from "./mae";
import { massResolutionMetric } from "./mass-resolution";
import { r2Metric } from "./r2";
import { rmseMetric } from "./rmse";
import { efficiencyAtBackgroundMetric } from "./signal-efficiency";

export const tabularMetrics = [
  efficiencyAtBackgroundMetric,
  backgroundRejectionMetric,
  accuracyMetric,
  balancedAccuracyMetric,
  logLossMetric,
  f1Metric,
  rmseMetric,
  maeMetric,
  r2Metric,
  massResolutionMetric,
] as const;
