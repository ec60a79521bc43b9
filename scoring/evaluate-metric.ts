/**
 * Evaluation through a metric's descriptor: each subset's events gathered into MetricData (target, prediction(s),
 * weights, in row order), the descriptor's compute and details, and its resampler for the bootstrap std. Every metric
 * but the Higgs and original ROC ones (evaluate.ts) is scored this way.
 */
import { withStd, type EvaluateOptions, type Subset, type SubsetScore } from "./evaluate";
import type { MetricData, MetricDescriptor, MetricParams } from "./metric-descriptor";
import type { Solution } from "./solution";

/** One subset's events: `prediction` holds `width` numbers per solution row (1, or the classes of a multiclass key). */
export function subsetData(solution: Solution, prediction: Float64Array, width: number, rows: Int32Array): MetricData {
  const m = rows.length;
  const { target } = solution;
  const gathered = new Float64Array(m * width);
  const weights = new Float64Array(m);
  const targets = target.type === "real" ? new Float64Array(m) : new Uint8Array(m);
  const source = target.type === "real" ? solution.values! : solution.labels;
  for (let k = 0; k < m; k++) {
    const row = rows[k]!;
    targets[k] = source[row]!;
    weights[k] = solution.weights[row]!;
    for (let c = 0; c < width; c++) gathered[k * width + c] = prediction[row * width + c]!;
  }
  const classes = target.type === "multiclass" ? target.classes.length : target.type === "binary" ? 2 : 0;
  return { type: target.type, target: targets, prediction: gathered, classes, weights };
}

export function evaluateMetric(
  descriptor: MetricDescriptor,
  params: MetricParams,
  solution: Solution,
  prediction: Float64Array,
  width: number,
  subsets: readonly Subset[],
  opts: EvaluateOptions,
): SubsetScore[] {
  return subsets.map((subset) => {
    const data = subsetData(solution, prediction, width, subset.rows);
    const primary = descriptor.compute!(data, params);
    const score: SubsetScore = { primary, [descriptor.id]: primary, ...descriptor.details?.(data, params) };
    return withStd(score, opts, () => {
      const { events, metric } = descriptor.resample!(data, params);
      return [events, metric];
    });
  });
}
