/**
 * Per-epoch progress of the anomaly baselines, for a command line's progress line.
 * Example: { epoch: 3, epochs: 40, loss: 0.412, validationLoss: 0.405, fold: 2, folds: 5 } reads "fold 2/5 epoch 3/40".
 */
export interface EpochEvent {
  epoch: number;
  epochs: number;
  /** Mean training loss of the epoch (MSE for the autoencoder, balanced cross-entropy for CWoLa). */
  loss: number;
  /** Validation loss after the epoch, what early stopping watches (CWoLa reports NaN: the family keeps it internal). */
  validationLoss: number;
  /** 1-based k-fold model being trained (CWoLa only). */
  fold?: number;
  folds?: number;
}

export type EpochListener = (event: EpochEvent) => void;

/** Lets timers and I/O (a progress line, a Ctrl-C) run between epochs. */
export const yieldToEventLoop = () => new Promise((resolve) => setTimeout(resolve, 0));
