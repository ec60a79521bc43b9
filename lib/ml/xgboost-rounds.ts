/**
 * What the XGBoost families (the Higgs one, xgboost-family.ts; the tabular one, tabular-xgboost.ts) share: their
 * hyperparameters and the booster settings made from them (only the objective differs), growing a booster one round
 * at a time until the validation loss has not improved for `patience` rounds, and predicting with the rounds early
 * stopping kept.
 */
import { EarlyStopping } from "@/challenges/shared/baseline/early-stopping";
import type { Xgboost, XgbBooster, XgbMatrix } from "./xgboost";

export interface XgbHyperparameters {
  eta: number;
  maxDepth: number;
  /** Most boosting rounds. */
  rounds: number;
  subsample: number;
  colsampleByTree: number;
  minChildWeight: number;
  lambda: number;
  /** Rounds without a better validation loss before stopping. */
  patience: number;
  nthread: number;
}

/**
 * The booster's settings: histogram trees grown with `hp`, seeded, silent; `objective` holds the task's objective
 * and what goes with it (num_class, base_score), e.g. { objective: "binary:logistic" }.
 */
export function boosterParams(
  hp: XgbHyperparameters,
  seed: number,
  objective: Record<string, string | number>,
): Record<string, string | number> {
  return {
    ...objective,
    tree_method: "hist",
    eta: hp.eta,
    max_depth: hp.maxDepth,
    subsample: hp.subsample,
    colsample_bytree: hp.colsampleByTree,
    min_child_weight: hp.minChildWeight,
    lambda: hp.lambda,
    nthread: hp.nthread,
    // XGBoost's seed is an int; the project's seeds are uint32.
    seed: seed % 2 ** 31,
    verbosity: 0,
  };
}

/**
 * Updates `booster` on `train` round by round; after each round `measure` gives the losses (its matrices are in the
 * booster's cache, so its predictions add one round to cached margins) and `onRound` reports them with the seconds
 * left. Returns the round with the lowest validation loss. Frees `matrices` in the end, and the booster on failure.
 */
export async function growBooster<M extends { valLoss: number }>(
  booster: XgbBooster,
  train: XgbMatrix,
  matrices: readonly XgbMatrix[],
  hp: { rounds: number; patience: number },
  measure: () => M,
  onRound: (m: M, round: number, etaSeconds: number) => void,
): Promise<number> {
  const stopper = new EarlyStopping(hp.patience);
  const started = performance.now();
  try {
    for (let round = 1; round <= hp.rounds; round++) {
      booster.update(round - 1, train);
      const m = measure();
      const decision = stopper.update(m.valLoss, round);
      const perRound = (performance.now() - started) / 1000 / round;
      onRound(m, round, decision === "stop" ? 0 : perRound * (hp.rounds - round));
      // Lets timers and I/O (the progress bar, a Ctrl-C) run between rounds.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (decision === "stop") break;
    }
  } catch (err) {
    booster.free();
    throw err;
  } finally {
    for (const m of matrices) m.free();
  }
  return stopper.bestEpoch;
}

/** Predictions of a row-major matrix with `cols` columns from the booster's first `rounds` rounds. */
export function predictRounds(
  xgb: Xgboost,
  booster: XgbBooster,
  rounds: number,
  cols: number,
): (X: Float32Array, rows: number) => Float32Array {
  return (X, rows) => {
    const m = xgb.matrix(X, rows, cols);
    try {
      return booster.predict(m, rounds);
    } finally {
      m.free();
    }
  };
}
