/**
 * Mass-sculpting gate after the Kaggle "Flavours of Physics" challenge (2015): an anomaly score that depends on the
 * dijet mass would sculpt a fake bump into the background's mjj spectrum, so a submission is valid only if its
 * scores on background-only control events are distributed the same way whatever their mass.
 *
 * Statistic (a binned Cramér–von Mises distance): sort the control events by mass and split them into `bins` bins
 * of equal population (bin k holds sorted positions ⌊kN/B⌋ … ⌊(k+1)N/B⌋ − 1). With F the score CDF of all N events
 * and F_b that of bin b (n_b events), D_b = (1/N) Σ_j (F_b(s_j) − F(s_j))², the mean over every event's score s_j;
 * the statistic is Σ_b (n_b/N) D_b. CDFs are right-continuous (F(s) = share of scores ≤ s), so tied scores form one
 * step: a constant score gives 0, where Flavours' rank-based code broke ties by mass order. For distinct scores it is
 * the binned form of Flavours' compute_cvm, and the gate passes below their published threshold, 0.002. A score
 * independent of mass gives about 1/(6 n_b) from sampling noise alone (1/(6 · 2500) = 7e-5 for 50,000 control
 * events in 20 bins); a score that is a monotonic function of mass gives 0.158 in 20 bins (1/6 as bins → ∞).
 *
 * Worked example: scores [1, 2, 3, 4] with masses [1, 2, 3, 4], 2 bins: F at the 4 scores is [¼, ½, ¾, 1]; bin 1
 * (scores 1, 2) has F_1 = [½, 1, 1, 1], so D_1 = (¼² + ½² + ¼² + 0)/4 = 0.09375; bin 2 mirrors it; statistic
 * 0.09375, failed. With masses [1, 4, 2, 3] the bins hold scores {1, 3} and {2, 4}: D = (2 · ¼²)/4 = 0.03125 each.
 */

/** Flavours of Physics' published threshold: the gate passes when the statistic is below it. */
export const MASS_SCULPTING_THRESHOLD = 0.002;
export const DEFAULT_MASS_SCULPTING_BINS = 20;

/**
 * Bins of at least 500 events: a mass-independent score still scores about 1/(6·n_b) from sampling noise alone,
 * which must stay well below the 0.002 threshold (3e-4 at 500 per bin), else honest submissions would fail.
 */
export const MIN_EVENTS_PER_GATE_BIN = 500;

/** The bins a control sample of this size is split into: up to 20, each of at least MIN_EVENTS_PER_GATE_BIN. */
export function gateBins(controlEvents: number): number {
  const bins = Math.min(DEFAULT_MASS_SCULPTING_BINS, Math.floor(controlEvents / MIN_EVENTS_PER_GATE_BIN));
  if (bins < 2)
    throw new RangeError(`the control sample has ${controlEvents} events; the gate needs at least ${2 * MIN_EVENTS_PER_GATE_BIN}`);
  return bins;
}

export interface MassSculptingResult {
  statistic: number;
  threshold: number;
  passed: boolean;
}

export function massSculpting(scores: ArrayLike<number>, mass: ArrayLike<number>, opts: { bins?: number } = {}): MassSculptingResult {
  const bins = opts.bins ?? DEFAULT_MASS_SCULPTING_BINS;
  const n = scores.length;
  if (mass.length !== n) throw new RangeError(`scores (${n}) and masses (${mass.length}) differ in length`);
  if (!(Number.isInteger(bins) && bins >= 1)) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  if (n < bins) throw new RangeError(`${n} control events cannot fill ${bins} mass bins`);
  for (let i = 0; i < n; i++) {
    if (!(Number.isFinite(scores[i]!) && Number.isFinite(mass[i]!))) {
      throw new RangeError(`score or mass of control event ${i} is not a finite number`);
    }
  }

  const byMass = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => mass[a]! - mass[b]! || a - b);
  const binOf = new Int32Array(n);
  const size = new Float64Array(bins);
  for (let p = 0; p < n; p++) {
    const b = Math.floor((p * bins) / n);
    binOf[byMass[p]!] = b;
    size[b]!++;
  }

  // Walk the scores in increasing order one tie group at a time; after each group every CDF is known exactly.
  const byScore = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const below = new Float64Array(bins);
  const sumSq = new Float64Array(bins);
  for (let start = 0; start < n;) {
    let end = start;
    const s = scores[byScore[start]!]!;
    while (end < n && scores[byScore[end]!] === s) below[binOf[byScore[end++]!]!]!++;
    const global = end / n;
    const group = end - start;
    for (let b = 0; b < bins; b++) sumSq[b]! += group * (below[b]! / size[b]! - global) ** 2;
    start = end;
  }
  let statistic = 0;
  for (let b = 0; b < bins; b++) statistic += (size[b]! / n) * (sumSq[b]! / n);
  return { statistic, threshold: MASS_SCULPTING_THRESHOLD, passed: statistic < MASS_SCULPTING_THRESHOLD };
}
