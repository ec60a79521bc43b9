/**
 * The contract between the baseline pipeline and its model families: row-major Float32 feature matrices in,
 * a trained model that predicts signal probabilities out, with per-epoch progress on the way.
 */

/** Events of one part (training or validation), features already preprocessed. */
export interface LabelledSet {
  /** Row-major: X[row * cols + col]. */
  X: Float32Array;
  rows: number;
  cols: number;
  /** 1 = signal, 0 = background. */
  label: Uint8Array;
  /** Class-balanced training weights (classes sum to the same total, mean 1): what the loss uses. */
  weight: Float32Array;
  /** Physics weights renormalised per class to the full totals: what AMS uses (see weights.ts). */
  amsWeight: Float64Array;
}

export interface TrainingData {
  featureNames: string[];
  train: LabelledSet;
  /** Held out for early stopping and the threshold choice. */
  validation: LabelledSet;
}

export interface TrainOptions {
  seed: number;
  /** Most epochs (tfjs) or boosting rounds (XGBoost); families stop earlier when validation stops improving. */
  epochs?: number;
  /** Networks averaged (tfjs); ignored by families without ensembles. */
  ensemble?: number;
}

export interface ProgressEvent {
  /** 1-based epoch (or boosting round) within the current ensemble member. */
  epoch: number;
  epochs: number;
  /** 1-based member of `members` being trained. */
  member: number;
  members: number;
  /** Mean balanced-weight binary cross-entropy on the training set for this epoch. */
  loss: number;
  /** Best AMS over thresholds on the validation set so far in this member. */
  valAms: number;
  /** Estimated seconds left for the whole family (all members), from the time per epoch so far. */
  etaSeconds: number;
}

export type ProgressListener = (event: ProgressEvent) => void;

export interface TrainedModel {
  /** Signal probability per row of a row-major matrix with the training columns. */
  predict(X: Float32Array, rows: number): Float32Array;
  /** What the model card records: layers or trees, and every hyperparameter used. */
  architecture: Record<string, unknown>;
  hyperparameters: Record<string, unknown>;
  /** Epoch or round kept by early stopping, per ensemble member. */
  bestEpochs: number[];
  /** The fitted model as plain data, for writing it as an ONNX model (lib/ml/onnx/); call before dispose(). */
  exportModel(): ModelExport;
  /** Frees native or tensor memory; the model cannot predict afterwards. */
  dispose(): void;
}

/**
 * A trained model's parameters: XGBoost's own JSON model (trees and base score) with the rounds early stopping
 * kept, or the ensemble's networks (per member: layer sizes, then weights and biases, W row-major fan-in × fan-out).
 */
export type ModelExport =
  { kind: "xgboost-json"; json: string; rounds: number } | { kind: "mlp"; members: { sizes: number[]; weights: Float32Array[] }[] };

/** What a family wants its features to look like: scaled with missing indicators, or raw with NaN as missing. */
export type FeatureStyle = "standardised" | "raw";

export interface ModelFamily {
  id: string;
  features: FeatureStyle;
  train(data: TrainingData, opts: TrainOptions, onProgress: ProgressListener): Promise<TrainedModel>;
}
