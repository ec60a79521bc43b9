/**
 * Bootstrap standard deviation of any metric: resample the events of one subset with replacement (as many
 * draws as events) and recompute the metric, `resamples` times, with the seeded xoshiro128** PRNG so the
 * figure is reproducible. Resampling is expressed as a multiplicity per row (how often it was drawn; 0 for
 * rows outside the subset), which every metric here can take as a weight factor, so a sort done once for
 * the original data is reused for each resample.
 *
 * Worked example: a metric that returns Σ multiplicity over a 2-row subset always gives 2, so its std is 0;
 * the mean of a 0/1 column of 100 rows, half ones, has a bootstrap std close to √(0.25/100) = 0.05.
 */
import { createRng, uniformIndex } from "../prng";

export interface BootstrapOptions {
  /** Number of resamples (default 200). */
  resamples?: number;
  /** PRNG seed (default 0). */
  seed?: number;
}

/**
 * `rows`: the subset's row indices; `size`: length of the multiplicity array handed to `metric`
 * (the solution's row count). Returns the sample standard deviation (n − 1), ignoring resamples where the
 * metric is undefined (NaN); NaN if fewer than two are defined.
 */
export function bootstrapStd(
  rows: Int32Array,
  size: number,
  metric: (multiplicity: Float64Array) => number,
  opts: BootstrapOptions = {},
): number {
  const resamples = opts.resamples ?? 200;
  const next = createRng(opts.seed ?? 0);
  const multiplicity = new Float64Array(size);
  const m = rows.length;
  let count = 0;
  let mean = 0;
  let m2 = 0;
  for (let r = 0; r < resamples; r++) {
    multiplicity.fill(0);
    for (let k = 0; k < m; k++) multiplicity[rows[uniformIndex(next, m)]!]!++;
    const value = metric(multiplicity);
    if (Number.isNaN(value)) continue;
    // Welford's update: stable for many resamples of nearly equal values.
    count++;
    const delta = value - mean;
    mean += delta / count;
    m2 += delta * (value - mean);
  }
  return count < 2 ? NaN : Math.sqrt(m2 / (count - 1));
}
