/**
 * The tfjs family of the tabular baselines: one multilayer perceptron (ReLU) on standardised features, its output
 * layer and loss set by the task — a sigmoid with binary cross-entropy, a softmax with categorical cross-entropy,
 * or a linear output with the squared error of the standardised target — each event's loss multiplied by its
 * training weight (train.csv's Weight where it has one; 1/y² for relative regression: task.ts), trained with Adam and
 * stopped early on the (equally weighted) validation loss, keeping its best epoch. Seeded as the Higgs MLP
 * (challenges/shared/baseline/).
 *
 * Features: each column is standardised with the mean and standard deviation of its present training values; a
 * missing value becomes 0 (the mean), and a column missing somewhere in training gets a 0/1 "missing" indicator.
 * Worked example: column [1, NaN, 3] → mean 2, sd 1 → [−1, 0, 1] plus the indicator [0, 1, 0].
 *
 * Worked example of the multi-class loss: logits [0, ln 3] for class 1 → softmax [0.25, 0.75], loss −ln 0.75 = 0.2877.
 */
import * as tf from "@tensorflow/tfjs";
import { EarlyStopping } from "../../shared/baseline/early-stopping";
import { MlpNetwork } from "../../shared/baseline/mlp-network";
import { bceWithLogits, gatherRows } from "../../shared/baseline/tfjs-mlp";
import { Random } from "../../shared/random";
import type { TabularFamily, TabularSet } from "./family";
import { outputWidth, type TabularTask, validationLoss } from "./task";

export interface TabularMlpHyperparameters {
  hidden: number[];
  learningRate: number;
  batchSize: number;
  epochs: number;
  patience: number;
}

export const DEFAULT_TABULAR_MLP: TabularMlpHyperparameters = {
  hidden: [64, 64],
  learningRate: 2e-3,
  batchSize: 256,
  epochs: 60,
  patience: 6,
};

const PREDICT_CHUNK = 16_384;

/** Fitted on training rows: each column's mean and sd, and which columns get a missing indicator. */
export interface Standardiser {
  mean: number[];
  sd: number[];
  indicators: number[];
}

export function fitStandardiser(X: Float32Array, rows: number, cols: number): Standardiser {
  const mean: number[] = [];
  const sd: number[] = [];
  const indicators: number[] = [];
  for (let c = 0; c < cols; c++) {
    let n = 0;
    let sum = 0;
    for (let r = 0; r < rows; r++) {
      const v = X[r * cols + c]!;
      if (Number.isNaN(v)) continue;
      n++;
      sum += v;
    }
    const m = n > 0 ? sum / n : 0;
    let sq = 0;
    for (let r = 0; r < rows; r++) {
      const v = X[r * cols + c]!;
      if (!Number.isNaN(v)) sq += (v - m) ** 2;
    }
    mean.push(m);
    sd.push(n > 0 ? Math.sqrt(sq / n) || 1 : 1);
    if (n < rows) indicators.push(c);
  }
  return { mean, sd, indicators };
}

/** The standardised matrix, with the indicator columns after the features. */
export function standardise(s: Standardiser, X: Float32Array, rows: number): Float32Array {
  const cols = s.mean.length;
  const width = cols + s.indicators.length;
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = X[r * cols + c]!;
      out[r * width + c] = Number.isNaN(v) ? 0 : (v - s.mean[c]!) / s.sd[c]!;
    }
    s.indicators.forEach((c, k) => (out[r * width + cols + k] = Number.isNaN(X[r * cols + c]!) ? 1 : 0));
  }
  return out;
}

/** Per-row loss of a batch (rows × 1) for the task, from the network's logits. */
function batchLoss(task: TabularTask, y: tf.Tensor2D, logits: tf.Tensor2D): tf.Tensor {
  if (task.type === "binary") return bceWithLogits(y, logits);
  if (task.type === "real") return tf.square(tf.sub(logits, y));
  const onehot = tf.oneHot(tf.cast(tf.reshape(y, [-1]), "int32"), task.classes.length);
  return tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(logits)), 1, true));
}

function outputs(task: TabularTask, logits: tf.Tensor2D): tf.Tensor2D {
  if (task.type === "binary") return tf.sigmoid(logits);
  if (task.type === "multiclass") return tf.softmax(logits);
  return logits;
}

function predictRows(net: MlpNetwork, task: TabularTask, X: Float32Array, rows: number): Float32Array {
  const cols = net.sizes[0]!;
  const width = outputWidth(task);
  const out = new Float32Array(rows * width);
  for (let start = 0; start < rows; start += PREDICT_CHUNK) {
    const end = Math.min(rows, start + PREDICT_CHUNK);
    const y = tf.tidy(() => outputs(task, net.logits(tf.tensor2d(X.subarray(start * cols, end * cols), [end - start, cols]))));
    out.set(y.dataSync() as Float32Array, start * width);
    y.dispose();
  }
  return out;
}

function trainEpoch(
  net: MlpNetwork,
  optimizer: tf.Optimizer,
  task: TabularTask,
  set: TabularSet,
  X: Float32Array,
  batchSize: number,
  rng: Random,
): number {
  const order = rng.permutation(set.rows);
  const cols = net.sizes[0]!;
  let lossSum = 0;
  for (let from = 0; from < set.rows; from += batchSize) {
    const to = Math.min(set.rows, from + batchSize);
    const rows = order.subarray(from, to);
    const x = tf.tensor2d(gatherRows(X, cols, order, from, to), [to - from, cols]);
    const y = tf.tensor2d(
      Float32Array.from(rows, (r) => set.target.y[r]!),
      [to - from, 1],
    );
    const w = tf.tensor2d(
      Float32Array.from(rows, (r) => set.target.weight[r]!),
      [to - from, 1],
    );
    const cost = optimizer.minimize(() => tf.mean(tf.mul(w, batchLoss(task, y, net.logits(x)))) as tf.Scalar, true)!;
    lossSum += cost.dataSync()[0]! * (to - from);
    tf.dispose([x, y, w, cost]);
  }
  return lossSum / set.rows;
}

export function tabularMlpFamily(overrides: Partial<TabularMlpHyperparameters> = {}): TabularFamily {
  return {
    id: "tfjs",
    async train({ task, train, validation }, opts, onProgress) {
      const hp = { ...DEFAULT_TABULAR_MLP, ...overrides, ...(opts.epochs !== undefined ? { epochs: opts.epochs } : {}) };
      const scaler = fitStandardiser(train.X, train.rows, train.cols);
      const Xtrain = standardise(scaler, train.X, train.rows);
      const Xval = standardise(scaler, validation.X, validation.rows);
      const inputs = train.cols + scaler.indicators.length;
      const rng = new Random(opts.seed);
      const net = new MlpNetwork([inputs, ...hp.hidden, outputWidth(task)], 0, rng.fork(0));
      const order = rng.fork(1);
      const optimizer = tf.train.adam(hp.learningRate);
      const stopper = new EarlyStopping(hp.patience);
      let best = net.snapshot();
      const started = performance.now();
      try {
        for (let epoch = 1; epoch <= hp.epochs; epoch++) {
          const loss = trainEpoch(net, optimizer, task, train, Xtrain, hp.batchSize, order);
          const valLoss = validationLoss(task, predictRows(net, task, Xval, validation.rows), validation.target);
          const decision = stopper.update(valLoss, epoch);
          if (decision === "improved") {
            tf.dispose(best);
            best = net.snapshot();
          }
          const perEpoch = (performance.now() - started) / 1000 / epoch;
          onProgress({
            epoch,
            epochs: hp.epochs,
            member: 1,
            members: 1,
            loss,
            valLoss,
            etaSeconds: decision === "stop" ? 0 : perEpoch * (hp.epochs - epoch),
          });
          // Lets timers and I/O (progress messages, a Ctrl-C) run between epochs.
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (decision === "stop") break;
        }
        net.restore(best);
      } finally {
        tf.dispose(best);
        optimizer.dispose();
      }
      const output = task.type === "binary" ? "sigmoid" : task.type === "multiclass" ? "softmax" : "linear";
      const loss =
        task.type === "binary"
          ? "binary cross-entropy"
          : task.type === "multiclass"
            ? "categorical cross-entropy"
            : task.relative
              ? "relative squared error"
              : "squared error";
      return {
        predict: (X, rows) => predictRows(net, task, standardise(scaler, X, rows), rows),
        architecture: {
          type: "mlp",
          layers: [...net.sizes],
          activation: "relu",
          output,
          parameters: net.parameterCount(),
          missingIndicators: scaler.indicators.length,
        },
        hyperparameters: { ...hp, optimizer: "adam", loss, earlyStopping: "validation loss", backend: tf.getBackend() },
        bestEpoch: stopper.bestEpoch,
        dispose: () => net.dispose(),
      };
    },
  };
}
