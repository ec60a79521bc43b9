/**
 * Log-loss (cross-entropy): the weighted mean over events of −ln p, p the probability given to the true class;
 * lower is better. Binary submissions give p(class 1) = q, so the true class has q or 1 − q.
 *
 * sklearn's clipping convention (log_loss, eps="auto", scikit-learn 1.2), followed exactly: every probability is
 * first clipped to [ε, 1 − ε] with ε = 2^-52 (float64's machine epsilon), then each event's probabilities are divided
 * by their sum (binary: [1 − q, q] after clipping q). A confident wrong answer (p = 0 for the true class) so costs
 * −ln ε = 36.04 rather than infinity. Multiclass rows must already sum to 1 within the submission tolerance (see
 * the parser), so the division only removes rounding.
 *
 * Worked example (binary, unit weights): labels [1, 0], probabilities of class 1 [0.8, 0.3]: the true classes get
 * 0.8 and 0.7, log-loss = (−ln 0.8 − ln 0.7) / 2 = (0.22314 + 0.35667) / 2 = 0.28991.
 */
import { describeMetric, type MetricData } from "../metric-descriptor";
import { meanResampler, weightedMean } from "./per-event";

/** float64's machine epsilon, numpy's np.finfo(np.float64).eps. */
export const LOG_LOSS_EPS = 2 ** -52;

function clip(p: number): number {
  return Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
}

/** −ln of the (clipped, renormalised) probability of the true class, per event. */
function losses(data: MetricData): Float64Array {
  const { prediction, target } = data;
  const n = target.length;
  const out = new Float64Array(n);
  if (data.type === "binary") {
    for (let i = 0; i < n; i++) {
      const q = clip(prediction[i]!);
      const other = 1 - q;
      out[i] = -Math.log((target[i] === 1 ? q : other) / (other + q));
    }
    return out;
  }
  const k = data.classes;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += clip(prediction[i * k + c]!);
    out[i] = -Math.log(clip(prediction[i * k + target[i]!]!) / sum);
  }
  return out;
}

export function logLoss(data: MetricData): number {
  return weightedMean(losses(data), data);
}

export const logLossMetric = describeMetric({
  id: "log-loss",
  name: "Log-loss",
  direction: "min",
  range: [0, null],
  precision: 5,
  needsWeights: false,
  targets: ["binary", "multiclass"],
  submissionFormat: "probabilities",
  compute: logLoss,
  resample: (data) => meanResampler(losses(data), data),
});
