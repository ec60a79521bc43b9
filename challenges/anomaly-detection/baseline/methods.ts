/**
 * The two anomaly baselines as one call each on a Track A challenge's data (background-only training sample,
 * unlabelled test sample), returning the test scores and a model card:
 * - "autoencoder": trained on the training sample, scores the test events by reconstruction error;
 * - "cwola": cross-fitted on the test sample itself, signal region against side bands ("sidebands" mode) when the
 *   test sample spans the side bands (the simulated challenge: m_JJ 2.8–5.5 TeV; the two bands weighted equally, see
 *   sidebandWeights, which keeps the score through the mass-sculpting gate); when it lies inside the signal
 *   region alone (an imported LHC Olympics challenge), test events against the background-only training sample
 *   ("reference" mode, the idealised CWoLa), since there are no side bands to learn from.
 *
 * Example: const { scores, card } = await runAnomalyMethod("cwola", { train, test }, { seed: 1 });
 *          card.mode is "sidebands" on the simulated challenge.
 */
import * as tf from "@tensorflow/tfjs";
import type { AnomalyEvents } from "../schema";
import { SIGNAL_REGION } from "../simulator/params";
import { trainAutoencoder } from "./autoencoder";
import {
  DEFAULT_FOLDS,
  DEFAULT_SIDEBAND_WIDTH,
  MIN_GROUP_EVENTS,
  referenceGroups,
  sidebandGroups,
  sidebandWeights,
  trainCwola,
} from "./cwola";
import { BASELINE_FEATURES } from "./features";
import type { EpochListener } from "./progress";

export const ANOMALY_METHODS = ["autoencoder", "cwola"] as const;
export type AnomalyMethod = (typeof ANOMALY_METHODS)[number];

export interface AnomalyModelCard {
  method: AnomalyMethod;
  /** CWoLa's pair of samples; "background-only training sample" for the autoencoder. */
  mode: "background-only" | "sidebands" | "reference";
  architecture: Record<string, unknown>;
  hyperparameters: Record<string, unknown>;
  features: string[];
  preprocessing: unknown;
  seed: number;
  /** Most epochs allowed per model. */
  epochs: number;
  bestEpochs: number[];
  trainingSeconds: number;
  trainEvents: number;
  testEvents: number;
  backend: string;
  notes: string;
}

export interface AnomalyMethodOptions {
  seed: number;
  epochs?: number;
  folds?: number;
  onEpoch?: EpochListener;
}

/** Whether CWoLa can use the test sample's own side bands (each fold model then has enough of both groups). */
export function hasSidebands(test: AnomalyEvents, folds = DEFAULT_FOLDS): boolean {
  const group = sidebandGroups(test);
  const needed = Math.ceil((MIN_GROUP_EVENTS * folds) / (folds - 1));
  return group.filter((g) => g === 0).length >= needed && group.filter((g) => g === 1).length >= needed;
}

export async function runAnomalyMethod(
  method: AnomalyMethod,
  data: { train: AnomalyEvents; test: AnomalyEvents },
  opts: AnomalyMethodOptions,
): Promise<{ scores: Float64Array; card: AnomalyModelCard }> {
  const started = performance.now();
  const nTest = data.test.label.length;
  const common = { features: [...BASELINE_FEATURES], seed: opts.seed, testEvents: nTest };
  const finish = () => ({ trainingSeconds: (performance.now() - started) / 1000, backend: tf.getBackend() });
  if (method === "autoencoder") {
    const ae = await trainAutoencoder(data.train, { seed: opts.seed, epochs: opts.epochs, onEpoch: opts.onEpoch });
    try {
      const scores = ae.score(data.test);
      return {
        scores,
        card: {
          method,
          mode: "background-only",
          architecture: { type: "autoencoder", ...ae.architecture },
          hyperparameters: {
            ...ae.hyperparameters,
            optimizer: "adam",
            loss: "mean squared error",
            earlyStopping: "validation reconstruction error",
          },
          preprocessing: ae.standardiser,
          epochs: ae.hyperparameters.epochs,
          bestEpochs: [ae.bestEpoch],
          trainEvents: ae.trainEvents + ae.validationEvents,
          ...common,
          ...finish(),
          notes: "score = mean squared reconstruction error; m_JJ is not an input, so the score is decorrelated from the dijet mass",
        },
      };
    } finally {
      ae.dispose();
    }
  }
  const sidebands = hasSidebands(data.test, opts.folds);
  const { events, group } = sidebands ? { events: data.test, group: sidebandGroups(data.test) } : referenceGroups(data.test, data.train);
  const weight = sidebands ? sidebandWeights(events, group) : undefined;
  const cwola = await trainCwola(events, group, { seed: opts.seed, weight, epochs: opts.epochs, folds: opts.folds, onEpoch: opts.onEpoch });
  try {
    return {
      scores: cwola.scores.slice(0, nTest),
      card: {
        method,
        mode: sidebands ? "sidebands" : "reference",
        architecture: { type: "mlp", ...cwola.architecture },
        hyperparameters: {
          ...cwola.hyperparameters,
          signalRegion: SIGNAL_REGION,
          sidebandWidth: sidebands ? DEFAULT_SIDEBAND_WIDTH : null,
          groups: cwola.groupEvents,
        },
        preprocessing: cwola.standardiser,
        epochs: cwola.hyperparameters.epochs,
        bestEpochs: cwola.bestEpochs,
        trainEvents: cwola.groupEvents.signalRich + cwola.groupEvents.reference,
        ...common,
        ...finish(),
        notes: sidebands
          ? "score = out-of-fold probability of the signal region against the side bands (equal weight per band), learnt on the test events themselves"
          : "score = out-of-fold probability of a test event against the background-only training sample (no side bands in the data)",
      },
    };
  } finally {
    cwola.dispose();
  }
}
