/**
 * The XGBoost family of the tabular baselines: gradient-boosted trees (hist) on the raw features with NaN as missing,
 * the objective set by the task — binary:logistic, multi:softprob with num_class, or reg:squarederror on the
 * standardised target (base score 0) — and the training weights as the matrices' weights: train.csv's Weight where it
 * has one, times 1/y² for relative regression, so the squared error becomes the relative one (task.ts). Grown one
 * round at a time through the C binding (lib/ml/xgboost.ts), keeping the round with the lowest validation loss.
 */
import type { TabularFamily } from "@/challenges/tabular/baseline/family";
import { type TabularTask, validationLoss } from "@/challenges/tabular/baseline/task";
import type { Xgboost } from "./xgboost";
import { boosterParams, growBooster, predictRounds, type XgbHyperparameters } from "./xgboost-rounds";

/**
 * One thread: the worker shares its machine with the site, and on a busy two-core machine (load 8) two OpenMP
 * threads took 13.0 s for the ditau-mass fit at scale 0.1 that one thread did in 0.8 s (same 42 rounds).
 */
export const DEFAULT_TABULAR_XGB: XgbHyperparameters = {
  eta: 0.1,
  maxDepth: 6,
  rounds: 400,
  subsample: 0.8,
  colsampleByTree: 0.8,
  minChildWeight: 1,
  lambda: 1,
  patience: 20,
  nthread: 1,
};

function objective(task: TabularTask): Record<string, string | number> {
  if (task.type === "binary") return { objective: "binary:logistic" };
  if (task.type === "multiclass") return { objective: "multi:softprob", num_class: task.classes.length };
  return { objective: "reg:squarederror", base_score: 0 };
}

export function tabularXgboostFamily(xgb: Xgboost, overrides: Partial<XgbHyperparameters> = {}): TabularFamily {
  return {
    id: "xgboost",
    async train({ task, train, validation }, opts, onProgress) {
      const hp = { ...DEFAULT_TABULAR_XGB, ...overrides, ...(opts.epochs !== undefined ? { rounds: opts.epochs } : {}) };
      const dtrain = xgb.matrix(train.X, train.rows, train.cols, { label: train.target.y, weight: train.target.weight });
      const dval = xgb.matrix(validation.X, validation.rows, validation.cols, {
        label: validation.target.y,
        weight: validation.target.weight,
      });
      const booster = xgb.booster([dtrain, dval], boosterParams(hp, opts.seed, objective(task)));
      const rounds = await growBooster(
        booster,
        dtrain,
        [dtrain, dval],
        hp,
        () => ({
          loss: validationLoss(task, booster.predict(dtrain), train.target),
          valLoss: validationLoss(task, booster.predict(dval), validation.target),
        }),
        ({ loss, valLoss }, round, etaSeconds) =>
          onProgress({ epoch: round, epochs: hp.rounds, member: 1, members: 1, loss, valLoss, etaSeconds }),
      );
      return {
        predict: predictRounds(xgb, booster, rounds, train.cols),
        architecture: {
          type: "gradient-boosted trees",
          rounds,
          treesPerRound: task.type === "multiclass" ? task.classes.length : 1,
          maxDepth: hp.maxDepth,
          library: `xgboost ${xgb.version}`,
        },
        hyperparameters: { ...hp, ...objective(task), treeMethod: "hist", earlyStopping: "validation loss" },
        bestEpoch: rounds,
        dispose: () => booster.free(),
      };
    },
  };
}
