/**
 * The anomaly-detection baselines' training with no database: the challenge's stored train.csv and test.csv in,
 * each method's `EventId,score` submission and model card out. Every input problem is found before anything is
 * trained. Runs in the training process for the worker, in the command's own process for `npm run baseline`.
 */
import { type ChallengeFile, readChallengeFile, scoreSubmissionCsv } from "@/challenges/anomaly-detection/baseline/challenge-files";
import { type AnomalyMethod, type AnomalyModelCard, runAnomalyMethod } from "@/challenges/anomaly-detection/baseline/methods";
import { ImportFormatError } from "@/challenges/higgs-tautau/importer/import-error";
import { BaselineInputError } from "./baseline-input-error";
import { initTfBackend } from "./tf-backend";
import type { TrainingEvents } from "./trainer";

/** Fewest training events worth an autoencoder (it also holds 20% out for early stopping). */
const MIN_TRAIN_EVENTS = 50;

export interface AnomalyTrainingInput {
  /** The challenge's slug, recorded in the model card. */
  challenge: string;
  /** train.csv and test.csv as stored (gzip). */
  train: Uint8Array;
  test: Uint8Array;
  methods: readonly AnomalyMethod[];
  seed: number;
  epochs?: number;
}

export interface TrainedAnomalyEntry {
  method: AnomalyMethod;
  /** The benchmark entry's name on the leaderboard. */
  name: string;
  csv: string;
  card: AnomalyModelCard & { challenge: string; createdAt: string };
}

async function readFile(bytes: Uint8Array, filename: string, withEventId: boolean): Promise<ChallengeFile> {
  try {
    return await readChallengeFile(bytes, filename, withEventId);
  } catch (err) {
    if (err instanceof ImportFormatError) throw new BaselineInputError(err.message);
    throw err;
  }
}

function entryName(card: AnomalyModelCard): string {
  const layers = (card.architecture.layers as number[]).join("-");
  if (card.method === "autoencoder") return `Baseline: autoencoder ${layers}, reconstruction error (tfjs, seed ${card.seed})`;
  const pair = card.mode === "sidebands" ? "signal region vs side bands" : "test vs background-only training sample";
  return `Baseline: CWoLa ${pair}, MLP ${layers}, ${String(card.architecture.folds)} folds (tfjs, seed ${card.seed})`;
}

/** Trains each method in turn, handing each finished entry to `events.entry` before the next starts. */
export async function trainAnomalyEntries(input: AnomalyTrainingInput, events: TrainingEvents<"anomaly">): Promise<void> {
  const train = await readFile(input.train, "train.csv", false);
  const test = await readFile(input.test, "test.csv", true);
  const nTrain = train.events.label.length;
  if (nTrain < MIN_TRAIN_EVENTS)
    throw new BaselineInputError(
      `challenge "${input.challenge}" has ${nTrain} training events; the baselines need at least ${MIN_TRAIN_EVENTS}`,
    );
  await initTfBackend();
  for (const method of input.methods) {
    const onEpoch = (e: Parameters<TrainingEvents<"anomaly">["progress"]>[1]) => events.progress(method, e);
    const { scores, card: modelCard } = await runAnomalyMethod(
      method,
      { train: train.events, test: test.events },
      { seed: input.seed, epochs: input.epochs, onEpoch },
    );
    const card = { ...modelCard, backend: `tfjs ${modelCard.backend}`, challenge: input.challenge, createdAt: new Date().toISOString() };
    events.entry({ method, name: entryName(card), csv: scoreSubmissionCsv(test.eventId, scores), card });
  }
}
