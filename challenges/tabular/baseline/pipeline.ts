/**
 * A tabular baseline from end to end, with no I/O: encode the target (with train.csv's Weight where it has one), hold
 * out a seeded 20% of the training rows for early stopping (20% of each class for a classification target, so a rare
 * class is in both parts as in the whole), train the family, predict the test rows (back in the target's units for a
 * real target) and write the submission and the model card.
 */
import { Random } from "../../shared/random";
import type { TabularFamily, TabularSet, TabularTrainOptions } from "./family";
import { type TabularData, TabularDataError } from "./table";
import { encodeTarget, outputWidth, type TabularProgress, type TabularTask, tabularSubmission, validationLoss } from "./task";

const VALIDATION_FRACTION = 0.2;
/** Fewest training rows worth a baseline (a fifth is held out). */
export const MIN_TRAIN_ROWS = 50;

export interface TabularResult {
  csv: string;
  /** outputWidth(task) values per test row: probabilities, or the predicted value in the target's units. */
  testPredictions: Float64Array;
  card: Record<string, unknown> & { family: string; seed: number; validationLoss: number };
}

/**
 * The rows held out for validation and the rows trained on, each in file order: a seeded permutation's first 20%
 * (real targets), or for classes the first round(20% of its count) of each class's rows in that permutation.
 * Example: classes with 500, 300 and 200 rows → 100, 60 and 40 of them held out.
 */
export function validationSplit(task: TabularTask, y: Float32Array, seed: number): { validation: Int32Array; fit: Int32Array } {
  const n = y.length;
  // Stream 7 of the seed: apart from the streams the families draw their weights and batches from.
  const order = new Random(seed).fork(7).permutation(n);
  const held = new Uint8Array(n);
  if (task.type === "real") {
    for (const r of order.subarray(0, Math.round(n * VALIDATION_FRACTION))) held[r] = 1;
  } else {
    const quota = new Float64Array(task.type === "multiclass" ? task.classes.length : 2);
    for (let r = 0; r < n; r++) quota[y[r]!]! += 1;
    quota.forEach((count, c) => (quota[c] = Math.round(count * VALIDATION_FRACTION)));
    for (const r of order) {
      if (quota[y[r]!]! === 0) continue;
      quota[y[r]!]! -= 1;
      held[r] = 1;
    }
  }
  const validation = new Int32Array(held.reduce((a, b) => a + b, 0));
  const fit = new Int32Array(n - validation.length);
  for (let r = 0, v = 0, f = 0; r < n; r++) {
    if (held[r]) validation[v++] = r;
    else fit[f++] = r;
  }
  return { validation, fit };
}

function rowsOf(X: Float32Array, cols: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * cols);
  rows.forEach((r, k) => out.set(X.subarray(r * cols, (r + 1) * cols), k * cols));
  return out;
}

export async function trainTabular(
  family: TabularFamily,
  data: TabularData,
  task: TabularTask,
  opts: TabularTrainOptions,
  onProgress: (e: TabularProgress) => void,
): Promise<TabularResult> {
  const { train, test } = data;
  if (train.rows < MIN_TRAIN_ROWS)
    throw new TabularDataError(`train.csv has ${train.rows} rows; the baselines need at least ${MIN_TRAIN_ROWS}`);
  const encoded = encodeTarget(task, train.target, train.weight);
  const split = validationSplit(task, encoded.y, opts.seed);
  const part = (rows: Int32Array): TabularSet => ({
    X: rowsOf(train.X, train.cols, rows),
    rows: rows.length,
    cols: train.cols,
    target: {
      y: Float32Array.from(rows, (r) => encoded.y[r]!),
      weight: Float32Array.from(rows, (r) => encoded.weight[r]!),
      scale: encoded.scale,
    },
  });
  const validation = part(split.validation);
  const fit = part(split.fit);
  const started = performance.now();
  const model = await family.train({ task, train: fit, validation }, opts, onProgress);
  try {
    const trainSeconds = (performance.now() - started) / 1000;
    const valLoss = validationLoss(task, model.predict(validation.X, validation.rows), validation.target);
    const raw = model.predict(test.X, test.rows);
    const scale = encoded.scale;
    const testPredictions = Float64Array.from(raw, (v) => (scale ? scale.mean + scale.sd * v : v));
    return {
      csv: tabularSubmission(task, test.ids, testPredictions),
      testPredictions,
      card: {
        family: family.id,
        task:
          task.type === "real"
            ? `regression${task.relative ? " (relative error)" : ""}`
            : task.type === "multiclass"
              ? `${outputWidth(task)}-class`
              : "binary",
        targetColumn: data.targetColumn,
        eventWeights: data.weightColumn ?? "none",
        features: data.featureNames.length,
        trainEvents: fit.rows,
        validationEvents: validation.rows,
        testEvents: test.rows,
        ...(scale ? { targetScale: scale } : {}),
        seed: opts.seed,
        bestEpoch: model.bestEpoch,
        validationLoss: valLoss,
        trainSeconds: Math.round(trainSeconds * 10) / 10,
        architecture: model.architecture,
        hyperparameters: model.hyperparameters,
      },
    };
  } finally {
    model.dispose();
  }
}
