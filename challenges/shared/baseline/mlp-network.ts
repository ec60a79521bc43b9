/**
 * A multilayer perceptron held as plain tf.Variables (not tf.layers), so that every source of randomness is ours:
 * weights are drawn from the project's seeded Random (He-uniform, as Keras' he_uniform: U(±√(6 / fan_in))), and
 * dropout masks come from tf.dropout with a seed drawn from the same generator at every step. The same seed then
 * gives the same network on the same backend, which tf.layers' Math.random-based shuffling and dropout cannot.
 *
 * Worked example: sizes [30, 128, 128, 1] → W1 30×128 in ±√(6/30) = ±0.447, W2 128×128 in ±0.217, W3 128×1 in
 * ±0.217, biases 0; forward = sigmoid(W3ᵀ relu(W2ᵀ relu(W1ᵀ x + b1) + b2) + b3) without dropout at prediction.
 */
import * as tf from "@tensorflow/tfjs";
import type { Random } from "../random";

/** Rows per forward pass at prediction time: bounds the activations' memory on large test sets. */
const PREDICT_CHUNK = 16_384;

export class MlpNetwork {
  readonly variables: tf.Variable[];

  constructor(
    readonly sizes: readonly number[],
    readonly dropout: number,
    rng: Random,
  ) {
    this.variables = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const [fanIn, fanOut] = [sizes[l]!, sizes[l + 1]!];
      const limit = Math.sqrt(6 / fanIn);
      const w = Float32Array.from({ length: fanIn * fanOut }, () => (2 * rng.uniform() - 1) * limit);
      // tidy frees the initial tensors; the variables, which tidy never disposes, keep their own copies.
      this.variables.push(...tf.tidy(() => [tf.variable(tf.tensor2d(w, [fanIn, fanOut])), tf.variable(tf.zeros([fanOut]))]));
    }
  }

  /** Logits (rows × 1). `dropoutSeed` turns dropout on (training) with one seed per layer derived from it. */
  logits(x: tf.Tensor2D, dropoutSeed?: number): tf.Tensor2D {
    let h: tf.Tensor2D = x;
    const layers = this.variables.length / 2;
    for (let l = 0; l < layers; l++) {
      h = tf.add(tf.matMul(h, this.variables[2 * l] as tf.Tensor2D), this.variables[2 * l + 1]!);
      if (l + 1 < layers) {
        h = tf.relu(h);
        if (dropoutSeed !== undefined && this.dropout > 0) h = tf.dropout(h, this.dropout, undefined, dropoutSeed + l) as tf.Tensor2D;
      }
    }
    return h;
  }

  /** Signal probabilities for a row-major matrix. */
  predict(X: Float32Array, rows: number): Float32Array {
    const cols = this.sizes[0]!;
    const out = new Float32Array(rows);
    for (let start = 0; start < rows; start += PREDICT_CHUNK) {
      const end = Math.min(rows, start + PREDICT_CHUNK);
      const probs = tf.tidy(() => tf.sigmoid(this.logits(tf.tensor2d(X.subarray(start * cols, end * cols), [end - start, cols]))));
      out.set(probs.dataSync() as Float32Array, start);
      probs.dispose();
    }
    return out;
  }

  /** Copies of the current weights, to restore the best epoch after early stopping. */
  snapshot(): tf.Tensor[] {
    return this.variables.map((v) => tf.clone(v));
  }

  restore(snapshot: tf.Tensor[]): void {
    snapshot.forEach((t, i) => this.variables[i]!.assign(t));
  }

  /** The weights and biases, layer by layer (W1, b1, W2, b2, …), as copies. */
  weights(): Float32Array[] {
    return this.variables.map((v) => Float32Array.from(v.dataSync() as Float32Array));
  }

  parameterCount(): number {
    return this.variables.reduce((n, v) => n + v.size, 0);
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
