/**
 * Cross-fitting for weakly supervised training on the very sample that is then scored: the events are dealt into
 * k folds (a seeded permutation, so fold sizes differ by at most one), model f is trained on every fold but f, and
 * scores only fold f. No event is ever scored by a model that saw it, which is what keeps a classifier from
 * "finding" the signal by memorising the events it was told are in the signal region.
 *
 * Worked example: 5 events, 2 folds, permutation [3, 0, 4, 1, 2] → positions mod 2 give events 3, 4, 2 fold 0 and
 * events 0, 1 fold 1; model 0 trains on events [0, 1] and scores [2, 3, 4], model 1 trains on [2, 3, 4], scores [0, 1].
 */
import type { Random } from "../../shared/random";
import { shuffledOrder } from "../dataset";

/** The fold (0..folds−1) of each of `n` events. */
export function kFoldAssignment(n: number, folds: number, rng: Random): Uint8Array {
  if (!(Number.isInteger(folds) && folds >= 2 && folds <= 255))
    throw new RangeError(`folds must be a whole number from 2 to 255, got ${folds}`);
  const fold = new Uint8Array(n);
  shuffledOrder(n, rng).forEach((event, position) => (fold[event] = position % folds));
  return fold;
}

/** Rows (ascending) whose fold is, or is not, `f`. */
export function foldRows(fold: Uint8Array, f: number, inFold: boolean): Int32Array {
  const rows: number[] = [];
  fold.forEach((g, i) => (g === f) === inFold && rows.push(i));
  return Int32Array.from(rows);
}

/**
 * Trains one model per fold on the other folds' rows (`fit` may use only some of them) and scores each fold with
 * the model that never saw it. Returns the out-of-fold scores and the models, in fold order (on a failure the
 * models trained so far are disposed).
 */
export async function crossFit<M extends { dispose(): void }>(
  fold: Uint8Array,
  folds: number,
  fit: (trainRows: Int32Array, f: number) => Promise<M>,
  scoreRows: (model: M, rows: Int32Array) => Float64Array,
): Promise<{ scores: Float64Array; models: M[] }> {
  const scores = new Float64Array(fold.length);
  const models: M[] = [];
  try {
    for (let f = 0; f < folds; f++) {
      const model = await fit(foldRows(fold, f, false), f);
      models.push(model);
      const rows = foldRows(fold, f, true);
      scoreRows(model, rows).forEach((s, k) => (scores[rows[k]!] = s));
    }
  } catch (err) {
    for (const m of models) m.dispose();
    throw err;
  }
  return { scores, models };
}
