/**
 * What a metric is, as data (RAMP's score types, simple-statistics' one function per file): a kind, a sort or a page
 * reads the descriptor (its direction, range, target types, parameters) and never branches on a metric id.
 * compute and resample work on MetricData, one subset's events already aligned with the answer key.
 */

/** Which way is better: "max" ranks high values first, "min" low ones (losses, resolutions). */
export type MetricDirection = "max" | "min";

/** What the answer key holds per event: 0/1 (binary), a class index 0..k−1 (multiclass) or a real number. */
export type TargetType = "binary" | "multiclass" | "real";

/** One subset's events, aligned: event i has target[i], its prediction(s) and weights[i]. */
export interface MetricData {
  type: TargetType;
  /** binary: 1 = signal/positive, 0 = background/negative; multiclass: the class index; real: the value. */
  target: Float64Array | Uint8Array;
  /**
   * binary: one score per event (a probability where the metric says so); real: the predicted value;
   * multiclass: `classes` probabilities per event, row-major (event i's are [i·classes, (i+1)·classes)).
   */
  prediction: Float64Array;
  /** Number of classes: 2 for binary, k for multiclass, 0 for real. */
  classes: number;
  /** Per-event weights (finite, ≥ 0); null = 1 each. */
  weights: Float64Array | null;
}

/** A number an organiser chooses per challenge (e.g. the ε_B of "ε_S at ε_B"), validated by validateMetricParams. */
export interface MetricParameter {
  id: string;
  name: string;
  /** Allowed values: min < v < max when exclusive, else min ≤ v ≤ max. */
  min: number;
  max: number;
  exclusive: boolean;
  default: number;
  /** Only whole numbers (e.g. a minimum event count). */
  integer?: boolean;
}

export type MetricParams = Readonly<Record<string, number>>;

/**
 * A metric laid out for the bootstrap (see bootstrap.ts): `metric` takes one Poisson multiplicity for each of `events`
 * events, in whatever order the layout chose. Events that cannot move the metric may be left out (the AMS draws only
 * for the selected ones): multiplicities are independent, so the others' draws would change nothing.
 */
export interface Resampled {
  events: number;
  metric: (multiplicity: Uint8Array) => number;
}

/**
 * The CSV formats scored against a solution: "higgs" (EventId,RankOrder,Class, ranked with a selection), "scores"
 * (EventId,score: any finite number per event, ranked), "probabilities" (binary: EventId,score with 0 ≤ score ≤ 1;
 * multiclass: EventId and one probability column per class), "values" (EventId,prediction: a real number).
 */
export type SubmissionFormat = "higgs" | "scores" | "probabilities" | "values";

export interface MetricDescriptor<Id extends string = string> {
  id: Id;
  /** Shown wherever the metric is named. */
  name: string;
  /** The same text as name (the name callers used before descriptors had `name`). */
  label: string;
  direction: MetricDirection;
  /** Derived from direction, for callers that pass a boolean on (SQL ordering). */
  higherIsBetter: boolean;
  /** [min, max] of possible values; null = unbounded on that side. */
  range: readonly [number | null, number | null];
  /** Decimals to display. */
  precision: number;
  /** True when the metric is meaningless without per-event weights (the AMS counts weighted events). */
  needsWeights: boolean;
  /** The answer-key target types it can score. */
  targets: readonly TargetType[];
  /** The submission it reads; "design" = scored by simulating a detector design (challenges/detector-design), not against a solution. */
  submissionFormat: SubmissionFormat | "design";
  params: readonly MetricParameter[];
  /** The metric of one subset (NaN when undefined there, e.g. a class is absent); null for "design". */
  compute: ((data: MetricData, params: MetricParams) => number) | null;
  /** Further figures reported beside the metric (e.g. the bias of a resolution); none when absent. */
  details?: (data: MetricData, params: MetricParams) => Record<string, number>;
  /**
   * Lays the events out once (sorted, selected...) and returns the metric of a resample; with every multiplicity 1
   * it equals compute up to rounding. Null for "design".
   */
  resample: ((data: MetricData, params: MetricParams) => Resampled) | null;
}

/** The descriptor fields derived from others, so each metric file states only what is its own. */
export function describeMetric<Id extends string>(
  d: Omit<MetricDescriptor<Id>, "label" | "higherIsBetter" | "params"> & Partial<Pick<MetricDescriptor<Id>, "params">>,
): MetricDescriptor<Id> {
  return { params: [], ...d, label: d.name, higherIsBetter: d.direction === "max" };
}

/** Whether a is better than b under `direction` (NaN is never better). */
export function isBetter(direction: MetricDirection, a: number, b: number): boolean {
  return direction === "max" ? a > b : a < b;
}

/**
 * The metric's parameters with defaults filled in; throws a RangeError naming the parameter and its allowed range
 * for an unknown name, a non-number, or a value out of range (an organiser's choice, checked when the challenge is
 * saved and again when it is scored).
 */
export function validateMetricParams(descriptor: MetricDescriptor, given: Readonly<Record<string, unknown>> = {}): MetricParams {
  const out: Record<string, number> = {};
  const known = new Set(descriptor.params.map((p) => p.id));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const list = descriptor.params.length ? descriptor.params.map((p) => p.id).join(", ") : "none";
      throw new RangeError(`metric ${descriptor.id} has no parameter ${JSON.stringify(name)} (its parameters: ${list})`);
    }
  }
  for (const p of descriptor.params) {
    const raw = given[p.id];
    const value = raw === undefined ? p.default : raw;
    const inRange =
      typeof value === "number" &&
      Number.isFinite(value) &&
      (p.exclusive ? value > p.min && value < p.max : value >= p.min && value <= p.max);
    if (!inRange || (p.integer && !Number.isInteger(value))) {
      const bounds = p.exclusive ? `${p.min} < ${p.id} < ${p.max}` : `${p.min} ≤ ${p.id} ≤ ${p.max}`;
      throw new RangeError(
        `${p.name} (${p.id}) must be ${p.integer ? "a whole number" : "a number"} with ${bounds}, got ${JSON.stringify(raw)}`,
      );
    }
    out[p.id] = value;
  }
  return out;
}
