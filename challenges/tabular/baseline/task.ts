/**
 * What a tabular baseline learns, from the answer key's target and the challenge's metric: a binary probability
 * (sigmoid, binary cross-entropy), class probabilities (softmax, categorical cross-entropy) or a value (squared
 * error on the standardised target; relative squared error, (ŷ − y)²/y², where the metric scores relative errors,
 * as the mass resolution does). Both families share the target encoding, the training weights, the validation loss
 * that stops them early, and the submission they write, so the two are compared on the same footing.
 *
 * Training weights: train.csv's Weight column where it has one (each event counts as its weight, in the loss the
 * family fits and in the validation loss), times 1/y² for relative regression, normalised to mean 1.
 *
 * Worked example (real, relative): targets [100, 200], mean 150, sd 50 → standardised [−1, 1]; weights ∝ 1/y²
 * normalised to mean 1 → [1.6, 0.4]; a prediction [−0.8, 1] (values 110, 200) has validation loss
 * (1.6·0.04 + 0.4·0) / 2 = 0.032 in standardised units, i.e. relative errors [0.1, 0] weighted as 1/y² says. With
 * Weight [1, 4] the weights are ∝ [1/100², 4/200²] = [1, 1] · 10⁻⁴ → [1, 1].
 */
import type { SolutionTarget } from "../../../scoring/solution";

/** Metrics that score the relative error (ŷ − y)/y of a real target: the baselines then fit that, not the absolute one. */
const RELATIVE_METRICS: ReadonlySet<string> = new Set(["mass-resolution"]);

export type TabularTask = { type: "binary" } | { type: "multiclass"; classes: readonly string[] } | { type: "real"; relative: boolean };

/** The task of a challenge whose key has `target` and that is scored by `metricId`. */
export function tabularTask(target: SolutionTarget, metricId: string): TabularTask {
  if (target.type === "real") return { type: "real", relative: RELATIVE_METRICS.has(metricId) };
  return target;
}

/** Outputs per event: the classes of a multi-class task, else one. */
export const outputWidth = (task: TabularTask): number => (task.type === "multiclass" ? task.classes.length : 1);

/** The training target as the models see it: 0/1, a class index, or a real value standardised by `scale`. */
export interface EncodedTarget {
  y: Float32Array;
  /** Mean 1: train.csv's Weight (else 1), times 1/y² for relative regression. */
  weight: Float32Array;
  /** Real targets: value = mean + sd · model output. */
  scale: { mean: number; sd: number } | null;
}

/** `eventWeight`: train.csv's Weight per row (null: every event counts once). */
export function encodeTarget(task: TabularTask, target: Float64Array, eventWeight: Float32Array | null = null): EncodedTarget {
  const n = target.length;
  const weighted = (w: (i: number) => number): Float32Array => {
    const raw = Float64Array.from({ length: n }, (_, i) => w(i) * (eventWeight ? eventWeight[i]! : 1));
    const norm = n / raw.reduce((a, b) => a + b, 0);
    return Float32Array.from(raw, (v) => v * norm);
  };
  const once = () => 1;
  if (task.type !== "real") return { y: Float32Array.from(target), weight: weighted(once), scale: null };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += target[i]! / n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (target[i]! - mean) ** 2 / n;
  const sd = Math.sqrt(variance) || 1;
  const y = Float32Array.from(target, (v) => (v - mean) / sd);
  return { y, weight: weighted(task.relative ? (i) => 1 / (target[i]! * target[i]!) : once), scale: { mean, sd } };
}

/** Smallest probability a classification loss takes the log of. */
const EPS = 1e-7;

/**
 * The loss both families stop on, on held-out rows: mean log-loss (classes), or the weighted mean squared error in
 * standardised units (real). `pred` holds outputWidth(task) values per row: probabilities, or standardised values.
 */
export function validationLoss(task: TabularTask, pred: Float32Array, target: EncodedTarget): number {
  const { y, weight } = target;
  const n = y.length;
  let sum = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let loss: number;
    if (task.type === "binary") {
      const p = Math.min(1 - EPS, Math.max(EPS, pred[i]!));
      loss = -(y[i]! * Math.log(p) + (1 - y[i]!) * Math.log(1 - p));
    } else if (task.type === "multiclass") {
      loss = -Math.log(Math.max(EPS, pred[i * task.classes.length + y[i]!]!));
    } else loss = (pred[i]! - y[i]!) ** 2;
    sum += weight[i]! * loss;
    total += weight[i]!;
  }
  return sum / total;
}

/** What a trainer reports after each epoch (tfjs) or boosting round (XGBoost). */
export interface TabularProgress {
  epoch: number;
  epochs: number;
  member: number;
  members: number;
  /** Training loss of the epoch (the family's own objective). */
  loss: number;
  /** validationLoss on the held-out rows. */
  valLoss: number;
  /** Estimated seconds left for this family. */
  etaSeconds: number;
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** Shortest text that reads back as the same float32 (probabilities and predictions come from float32 models). */
const f32 = (v: number) => String(Math.fround(v));

/**
 * The submission in the tabular format of the task: `EventId,score` (binary), `EventId,<class>,…` with a probability
 * per class (multi-class; each row renormalised in double precision and floored at 1e-7 so it sums to 1 and no class
 * is ruled out), `EventId,prediction` (real, already in the target's units).
 */
export function tabularSubmission(task: TabularTask, ids: readonly string[], pred: Float32Array | Float64Array): string {
  const lines: string[] = [];
  if (task.type === "multiclass") {
    const k = task.classes.length;
    lines.push(["EventId", ...task.classes].map(csvField).join(","));
    for (let i = 0; i < ids.length; i++) {
      const row = Array.from(pred.subarray(i * k, (i + 1) * k), (p) => Math.max(EPS, p));
      const sum = row.reduce((a, b) => a + b, 0);
      lines.push(`${csvField(ids[i]!)},${row.map((p) => String(p / sum)).join(",")}`);
    }
  } else {
    lines.push(task.type === "binary" ? "EventId,score" : "EventId,prediction");
    for (let i = 0; i < ids.length; i++) lines.push(`${csvField(ids[i]!)},${f32(pred[i]!)}`);
  }
  return `${lines.join("\n")}\n`;
}
