/**
 * Patience-based early stopping on a value to minimise (validation loss): training stops after `patience` epochs
 * without an improvement larger than `minDelta`, and the best epoch is the one to keep.
 *
 * Worked example (patience 2): losses 0.50, 0.40, 0.41, 0.39, 0.45, 0.46 → improved at epochs 1, 2, 4; epochs 5
 * and 6 do not improve, so update() returns "stop" at epoch 6 with best = 4.
 */
export type StopDecision = "improved" | "continue" | "stop";

export class EarlyStopping {
  best = Infinity;
  bestEpoch = 0;
  private sinceBest = 0;

  constructor(
    private readonly patience: number,
    private readonly minDelta = 0,
  ) {}

  update(value: number, epoch: number): StopDecision {
    if (value < this.best - this.minDelta) {
      this.best = value;
      this.bestEpoch = epoch;
      this.sinceBest = 0;
      return "improved";
    }
    this.sinceBest++;
    return this.sinceBest >= this.patience ? "stop" : "continue";
  }
}
