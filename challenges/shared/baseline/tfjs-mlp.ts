/**
 * The tfjs model family: an ensemble of K multilayer perceptrons (ReLU, dropout), each trained with Adam on the
 * class-balanced weighted binary cross-entropy, stopped early on the validation loss (keeping its best epoch), and
 * averaged as probabilities. Member k uses stream k + 1 of the seed for its weights, shuffling and dropout, so
 * the same seed gives the same model on the same backend. The backend itself is chosen in lib/ml (I/O edge).
 *
 * Worked example of the loss on one batch: logits [0, 2], labels [1, 0], weights [1.5, 0.5] →
 * BCE = [ln 2, 2 + ln(1 + e⁻²)] = [0.6931, 2.1269]; weighted mean = (1.5·0.6931 + 0.5·2.1269) / 2 = 1.0516.
 */
import * as tf from "@tensorflow/tfjs";
import { Random } from "../random";
import { EarlyStopping } from "./early-stopping";
import { MlpNetwork } from "./mlp-network";
import type { LabelledSet, ModelFamily, ProgressListener, TrainedModel, TrainOptions } from "./types";
import { bestCut, weightedLogLoss } from "./validation-metrics";

export interface MlpHyperparameters {
  hidden: number[];
  dropout: number;
  learningRate: number;
  batchSize: number;
  /** Most epochs per member. */
  epochs: number;
  /** Epochs without a better validation loss before a member stops. */
  patience: number;
  ensemble: number;
}

export const DEFAULT_MLP: MlpHyperparameters = {
  hidden: [64, 64, 64],
  dropout: 0.1,
  learningRate: 1e-3,
  batchSize: 256,
  epochs: 30,
  patience: 5,
  ensemble: 3,
};

/** Element-wise binary cross-entropy on logits, in the overflow-free form max(z, 0) − z·y + ln(1 + e^−|z|). */
export function bceWithLogits(labels: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  return tf.add(tf.sub(tf.relu(logits), tf.mul(logits, labels)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
}

/** Rows `order[from, to)` of a row-major matrix, copied into one batch. */
export function gatherRows(X: Float32Array, cols: number, order: Int32Array, from: number, to: number): Float32Array {
  const out = new Float32Array((to - from) * cols);
  for (let k = from; k < to; k++) out.set(X.subarray(order[k]! * cols, (order[k]! + 1) * cols), (k - from) * cols);
  return out;
}

/** One pass over the training set in a fresh seeded order; returns the mean weighted loss. */
function trainEpoch(net: MlpNetwork, optimizer: tf.Optimizer, train: LabelledSet, hp: MlpHyperparameters, rng: Random): number {
  const order = rng.permutation(train.rows);
  let lossSum = 0;
  for (let from = 0; from < train.rows; from += hp.batchSize) {
    const to = Math.min(train.rows, from + hp.batchSize);
    const rows = order.subarray(from, to);
    const seed = Math.floor(rng.uniform() * 2 ** 31);
    const x = tf.tensor2d(gatherRows(train.X, train.cols, order, from, to), [to - from, train.cols]);
    const y = tf.tensor2d(
      Float32Array.from(rows, (r) => train.label[r]!),
      [to - from, 1],
    );
    const w = tf.tensor2d(
      Float32Array.from(rows, (r) => train.weight[r]!),
      [to - from, 1],
    );
    const cost = optimizer.minimize(() => tf.mean(tf.mul(w, bceWithLogits(y, net.logits(x, seed)))) as tf.Scalar, true)!;
    lossSum += cost.dataSync()[0]! * (to - from);
    tf.dispose([x, y, w, cost]);
  }
  return lossSum / train.rows;
}

/** Lets timers and I/O (the progress bar, a Ctrl-C) run between epochs. */
const yieldToEventLoop = () => new Promise((resolve) => setTimeout(resolve, 0));

export function tfjsMlpFamily(overrides: Partial<MlpHyperparameters> = {}): ModelFamily {
  return {
    id: "tfjs-mlp",
    features: "standardised",
    async train(data, opts: TrainOptions, onProgress: ProgressListener): Promise<TrainedModel> {
      const hp: MlpHyperparameters = { ...DEFAULT_MLP, ...overrides };
      if (opts.epochs !== undefined) hp.epochs = opts.epochs;
      if (opts.ensemble !== undefined) hp.ensemble = opts.ensemble;
      const { train, validation } = data;
      const root = new Random(opts.seed);
      const members: MlpNetwork[] = [];
      const bestEpochs: number[] = [];
      const started = performance.now();
      let epochsDone = 0;
      for (let m = 0; m < hp.ensemble; m++) {
        const rng = root.fork(m + 1);
        const net = new MlpNetwork([train.cols, ...hp.hidden, 1], hp.dropout, rng.fork(0));
        const order = rng.fork(1);
        const optimizer = tf.train.adam(hp.learningRate);
        const stopper = new EarlyStopping(hp.patience);
        let best = net.snapshot();
        for (let epoch = 1; epoch <= hp.epochs; epoch++) {
          const loss = trainEpoch(net, optimizer, train, hp, order);
          const prob = net.predict(validation.X, validation.rows);
          const decision = stopper.update(weightedLogLoss(prob, validation.label, validation.weight), epoch);
          if (decision === "improved") {
            tf.dispose(best);
            best = net.snapshot();
          }
          epochsDone++;
          const perEpoch = (performance.now() - started) / 1000 / epochsDone;
          const left = (decision === "stop" ? 0 : hp.epochs - epoch) + (hp.ensemble - m - 1) * hp.epochs;
          const valAms = bestCut(prob, validation.label, validation.amsWeight).ams;
          onProgress({ epoch, epochs: hp.epochs, member: m + 1, members: hp.ensemble, loss, valAms, etaSeconds: perEpoch * left });
          await yieldToEventLoop();
          if (decision === "stop") break;
        }
        net.restore(best);
        tf.dispose(best);
        optimizer.dispose();
        members.push(net);
        bestEpochs.push(stopper.bestEpoch);
      }
      return {
        predict(X, rows) {
          const sum = new Float32Array(rows);
          for (const net of members) net.predict(X, rows).forEach((p, i) => (sum[i]! += p / members.length));
          return sum;
        },
        architecture: {
          type: "mlp",
          layers: [train.cols, ...hp.hidden, 1],
          activation: "relu",
          output: "sigmoid",
          parameters: members[0]?.parameterCount() ?? 0,
          members: hp.ensemble,
        },
        hyperparameters: {
          ...hp,
          optimizer: "adam",
          loss: "balanced weighted binary cross-entropy",
          earlyStopping: "validation loss",
          backend: tf.getBackend(),
        },
        bestEpochs,
        exportModel: () => ({ kind: "mlp", members: members.map((net) => ({ sizes: [...net.sizes], weights: net.weights() })) }),
        dispose: () => members.forEach((net) => net.dispose()),
      };
    },
  };
}
