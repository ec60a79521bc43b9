/**
 * Measures of how far simulated HiggsML events are from real ones, shared by
 * bench/fidelity.ts (the report, on the held-out real half) and
 * bench/fit-higgs-simulator.ts (the calibration, on the other half):
 * per-feature per-class KS distances, the -999 share of DER_mass_MMC, the
 * real-vs-simulated classifier AUC, the mass peaks and the sim→real transfer AMS.
 */
import { FEATURE_INDEX as F, HIGGS_FEATURES, MISSING, selectEvents, type HiggsEvents } from "../../challenges/higgs-tautau/schema";
import { renormaliseWeights, trainTestSplit } from "../../challenges/higgs-tautau/split";
import { amsAtThreshold, bestCut } from "../../challenges/shared/baseline/validation-metrics";
import { Random } from "../../challenges/shared/random";
import { weightedRocAuc } from "../../scoring/metrics/roc-auc";
import { DEFAULT_GBDT, trainGbdt, type GbdtOptions } from "./gbdt";
import { ksDistance } from "./ks";

/**
 * Splits the real events in two fixed halves by EventId parity (even: calibration, odd: held out), independent of
 * any random generator, so the halves never move; weights are renormalised per half and class to the Kaggle totals.
 */
export function realHalves(real: HiggsEvents): { calibration: HiggsEvents; heldOut: HiggsEvents } {
  const half = (parity: number): HiggsEvents => {
    const rows = Int32Array.from(real.eventId.keys()).filter((i) => (real.eventId[i] as number) % 2 === parity);
    const events = selectEvents(real, rows);
    events.weight = renormaliseWeights(events, new Uint8Array(rows.length).fill(1));
    return events;
  };
  return { calibration: half(0), heldOut: half(1) };
}

/** Defined (non -999) values of feature f for events of class `cls`. */
export function definedValues(ev: HiggsEvents, f: number, cls: number): Float64Array {
  const col = ev.features[f] as Float64Array;
  const out: number[] = [];
  for (let i = 0; i < col.length; i++) if (ev.label[i] === cls && col[i] !== MISSING) out.push(col[i] as number);
  return Float64Array.from(out);
}

/** Share of events of class `cls` whose feature f is -999. */
export function missingShare(ev: HiggsEvents, f: number, cls: number): number {
  const col = ev.features[f] as Float64Array;
  let m = 0;
  let t = 0;
  for (let i = 0; i < col.length; i++) {
    if (ev.label[i] !== cls) continue;
    t++;
    if (col[i] === MISSING) m++;
  }
  return t === 0 ? Number.NaN : m / t;
}

/** ks[c][f]: KS distance of feature f's defined values in class c (0 = background, 1 = signal). */
export function ksTable(real: HiggsEvents, sim: HiggsEvents): [number[], number[]] {
  return [0, 1].map((c) => HIGGS_FEATURES.map((_, f) => ksDistance(definedValues(real, f, c), definedValues(sim, f, c)))) as [
    number[],
    number[],
  ];
}

/** Rows of two samples stacked as one set of columns, label 1 = first sample. */
function pool(a: HiggsEvents, b: HiggsEvents): { columns: Float64Array[]; isA: Uint8Array } {
  const na = a.label.length;
  const columns = HIGGS_FEATURES.map((_, f) => {
    const c = new Float64Array(na + b.label.length);
    c.set(a.features[f] as Float64Array, 0);
    c.set(b.features[f] as Float64Array, na);
    return c;
  });
  return { columns, isA: new Uint8Array(na + b.label.length).fill(1, 0, na) };
}

/**
 * AUC of a GBDT trained to tell real from simulated events (0.5: indistinguishable),
 * trained on a seeded half of the pooled events and measured on the other half.
 */
export function realVsSimAuc(real: HiggsEvents, sim: HiggsEvents, seed: number, opts: GbdtOptions = DEFAULT_GBDT): number {
  const { columns, isA } = pool(real, sim);
  const rng = new Random(seed).fork(99);
  const inTrain = Uint8Array.from(isA, () => (rng.uniform() < 0.5 ? 1 : 0));
  const rows = (flag: number): Int32Array => Int32Array.from(inTrain.keys()).filter((r) => inTrain[r] === flag);
  const model = trainGbdt(columns, isA, rows(1), opts);
  const test = rows(0);
  return weightedRocAuc(
    Float64Array.from(test, (r) => model.predict(r)),
    Uint8Array.from(test, (r) => isA[r] as number),
    null,
  );
}

/**
 * Peak of DER_mass_MMC within [lo, hi) for class `cls` (and one process): start at the centre of the fullest 10 GeV
 * window, then move to the mean of the values within ±12 GeV until it settles (mean shift with a flat kernel: a
 * mode of the smoothed density, steadier than the fullest bin on a few thousand events).
 */
export function mmcPeak(ev: HiggsEvents, cls: number, lo: number, hi: number, process?: number): number {
  const col = ev.features[F.DER_mass_MMC] as Float64Array;
  const v: number[] = [];
  for (let i = 0; i < col.length; i++) {
    const m = col[i] as number;
    if (ev.label[i] === cls && (process === undefined || ev.process?.[i] === process) && m !== MISSING && m >= lo && m < hi) v.push(m);
  }
  if (v.length === 0) return Number.NaN;
  const bin = 2;
  const counts = new Float64Array(Math.ceil((hi - lo) / bin));
  for (const m of v) counts[Math.floor((m - lo) / bin)]! += 1;
  let peak = lo;
  let bestCount = -1;
  for (let k = 0; k + 5 <= counts.length; k++) {
    let c = 0;
    for (let d = 0; d < 5; d++) c += counts[k + d] as number;
    if (c > bestCount) {
      bestCount = c;
      peak = lo + (k + 2.5) * bin;
    }
  }
  for (let iter = 0; iter < 50; iter++) {
    let sum = 0;
    let n = 0;
    for (const m of v) {
      if (Math.abs(m - peak) <= 12) {
        sum += m;
        n++;
      }
    }
    const next = sum / n;
    if (Math.abs(next - peak) < 0.01) break;
    peak = next;
  }
  return peak;
}

/** What the fixed recipe trained on one sample scores on another (transferAms). */
export interface Transfer {
  /** AMS at the cut chosen on the training sample: the figure the goal is about. */
  ams: number;
  /**
   * AMS at the best cut chosen on the test itself (bestCut): how well the model orders the test events, without the
   * choice of cut made on 30% of the training sample. Set beside `ams`, it tells how much of a transfer loss is the
   * order of the events and how much is the cut.
   */
  rankingAms: number;
}

/**
 * AMS on `test` of the fixed recipe trained on `train`: a GBDT (DEFAULT_GBDT) fitted
 * on 70% of `train`, its cut chosen by bestCut on the other 30% (weights of both
 * parts renormalised), then applied to `test` (weights as given).
 */
export function transferAms(train: HiggsEvents, test: HiggsEvents, seed: number): Transfer {
  const { train: fitPart, test: cutPart } = trainTestSplit(train, { seed, testFraction: 0.3 });
  const { columns } = pool(fitPart, concat(cutPart, test));
  const nFit = fitPart.label.length;
  const labels = new Uint8Array(columns[0]!.length);
  labels.set(fitPart.label, 0);
  const model = trainGbdt(
    columns,
    labels,
    Int32Array.from({ length: nFit }, (_, i) => i),
  );
  const nCut = cutPart.label.length;
  const cutScores = Float64Array.from({ length: nCut }, (_, i) => model.predict(nFit + i));
  const threshold = bestCut(cutScores, cutPart.label, cutPart.weight).threshold;
  const testScores = Float64Array.from({ length: test.label.length }, (_, i) => model.predict(nFit + nCut + i));
  return {
    ams: amsAtThreshold(testScores, test.label, test.weight, threshold),
    rankingAms: bestCut(testScores, test.label, test.weight).ams,
  };
}

/**
 * `n` events of `events` drawn without replacement (seeded), weights renormalised per class to the Kaggle totals: a
 * smaller real training sample, to measure the transfer at another training size.
 */
export function subsampleEvents(events: HiggsEvents, n: number, seed: number): HiggsEvents {
  const total = events.label.length;
  if (!Number.isInteger(n) || n < 1 || n > total) throw new RangeError(`subsampleEvents: n must be an integer in 1..${total}, got ${n}`);
  const order = new Random(seed).fork(7).permutation(total);
  const picked = selectEvents(events, order.subarray(0, n).sort());
  picked.weight = renormaliseWeights(picked, new Uint8Array(n).fill(1));
  return picked;
}

/** Standard error of the mean of `xs` (sample standard deviation over sqrt(n)); NaN for fewer than two values. */
export function standardError(xs: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return Number.NaN;
  const m = xs.reduce((a, b) => a + b, 0) / n;
  const ss = xs.reduce((a, x) => a + (x - m) * (x - m), 0);
  return Math.sqrt(ss / (n - 1) / n);
}

/**
 * A training set of the signal events of `signalFrom` and the background events of `backgroundFrom`, the first ones of
 * each, as many per class as `like` has; weights renormalised per class. Trained on with one class simulated and the
 * other real, the transfer AMS tells which class's simulation costs it.
 */
export function mixClasses(signalFrom: HiggsEvents, backgroundFrom: HiggsEvents, like: HiggsEvents): HiggsEvents {
  const take = (from: HiggsEvents, cls: number): HiggsEvents => {
    const need = like.label.reduce((n, l) => n + (l === cls ? 1 : 0), 0);
    const rows = Int32Array.from(from.label.keys())
      .filter((i) => from.label[i] === cls)
      .slice(0, need);
    if (rows.length < need) throw new Error(`mixClasses: ${need} events of class ${cls} needed, ${rows.length} given`);
    return selectEvents(from, rows);
  };
  const mixed = concat(take(signalFrom, 1), take(backgroundFrom, 0));
  mixed.weight = renormaliseWeights(mixed, new Uint8Array(mixed.label.length).fill(1));
  return mixed;
}

function concat(a: HiggsEvents, b: HiggsEvents): HiggsEvents {
  const join = <T extends Float64Array | Uint8Array | Int32Array>(x: T, y: T, make: (n: number) => T): T => {
    const out = make(x.length + y.length);
    out.set(x, 0);
    out.set(y, x.length);
    return out;
  };
  return {
    eventId: join(a.eventId, b.eventId, (n) => new Int32Array(n)),
    features: a.features.map((c, f) => join(c, b.features[f] as Float64Array, (n) => new Float64Array(n))),
    weight: join(a.weight, b.weight, (n) => new Float64Array(n)),
    label: join(a.label, b.label, (n) => new Uint8Array(n)),
  };
}

/**
 * Share of class `cls`'s total weight in each jet bin (0, 1, 2, 3+). AMS counts weights, and the real signal weight is
 * nearly all gluon fusion while its events are mostly VBF; the real background weight falls steeply with the jet
 * count (its samples are sliced by jet multiplicity). An unweighted KS of PRI_jet_num sees neither.
 */
export function jetWeightShares(ev: HiggsEvents, cls: number): Float64Array {
  return jetBinShares(ev, cls, (i) => ev.weight[i] as number);
}

/** The q-quantile of feature f's defined values in class `cls` (tails that a KS distance barely weighs). */
export function definedQuantile(ev: HiggsEvents, f: number, cls: number, q: number): number {
  const v = definedValues(ev, f, cls).sort();
  return v.length === 0 ? Number.NaN : (v[Math.min(v.length - 1, Math.floor(q * v.length))] as number);
}

/**
 * Share of class `cls`'s events in each jet bin (0, 1, 2, 3+): the unweighted counterpart of jetWeightShares. A
 * classifier and a KS distance see events, not weights, so both must match.
 */
export function jetEventShares(ev: HiggsEvents, cls: number): Float64Array {
  return jetBinShares(ev, cls, () => 1);
}

/** Share of class `cls`'s total of `amount` (per event) in each jet bin (0, 1, 2, 3+). */
function jetBinShares(ev: HiggsEvents, cls: number, amount: (i: number) => number): Float64Array {
  const jets = ev.features[F.PRI_jet_num] as Float64Array;
  const share = new Float64Array(4);
  let total = 0;
  for (let i = 0; i < jets.length; i++) {
    if (ev.label[i] !== cls) continue;
    share[jets[i] as number]! += amount(i);
    total += amount(i);
  }
  return share.map((w) => w / total);
}

/** Per class and feature, the largest and the mean KS distance over the ksTable of several simulated samples. */
export interface KsOverSeeds {
  max: [number[], number[]];
  mean: [number[], number[]];
}

export function ksOverSeeds(tables: readonly (readonly [number[], number[]])[]): KsOverSeeds {
  if (tables.length === 0) throw new Error("ksOverSeeds needs at least one table");
  const over = (c: 0 | 1, reduce: (xs: number[]) => number): number[] =>
    tables[0]![c].map((_, f) => reduce(tables.map((t) => t[c][f] as number)));
  const max = (xs: number[]): number => Math.max(...xs);
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { max: [over(0, max), over(1, max)], mean: [over(0, mean), over(1, mean)] };
}
