/**
 * The contract between the tabular baseline pipeline (pipeline.ts) and its model families (the tfjs MLP here, XGBoost
 * in lib/ml): raw features (NaN = missing) and the encoded target in, a model that predicts outputWidth(task) values
 * per row out — probabilities, or the standardised value of a real target.
 */
import type { EncodedTarget, TabularProgress, TabularTask } from "./task";

export interface TabularSet {
  /** Row-major, NaN = missing. */
  X: Float32Array;
  rows: number;
  cols: number;
  target: EncodedTarget;
}

export interface TabularFitInput {
  task: TabularTask;
  train: TabularSet;
  /** Held out: early stopping watches validationLoss on it. */
  validation: TabularSet;
}

export interface TabularTrainOptions {
  seed: number;
  /** Most epochs (tfjs) or boosting rounds (XGBoost); both stop earlier when the validation loss stops improving. */
  epochs?: number;
}

export interface TabularModel {
  /** outputWidth(task) values per row of a raw row-major matrix with the training columns. */
  predict(X: Float32Array, rows: number): Float32Array;
  architecture: Record<string, unknown>;
  hyperparameters: Record<string, unknown>;
  /** The epoch or round early stopping kept. */
  bestEpoch: number;
  dispose(): void;
}

export interface TabularFamily {
  /** "tfjs" or "xgboost": the manage page's family ids. */
  id: string;
  train(input: TabularFitInput, opts: TabularTrainOptions, onProgress: (e: TabularProgress) => void): Promise<TabularModel>;
}
