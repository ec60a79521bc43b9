/**
 * The anomaly-detection baselines against a challenge's stored files: train each method, write its `EventId,score`
 * submission and register it as a scored benchmark entry. Used by scripts/anomaly-baseline.ts and the worker's
 * baseline runs. Every input problem is found before anything is trained or written.
 */
import { findKind } from "@/challenges";
import { anomalyKind } from "@/challenges/anomaly-detection/kind";
import { type ChallengeFile, readChallengeFile, scoreSubmissionCsv } from "@/challenges/anomaly-detection/baseline/challenge-files";
import { type AnomalyMethod, type AnomalyModelCard, runAnomalyMethod } from "@/challenges/anomaly-detection/baseline/methods";
import type { EpochListener } from "@/challenges/anomaly-detection/baseline/progress";
import { ImportFormatError } from "@/challenges/higgs-tautau/importer/import-error";
import type { Db } from "@/db";
import { getDatasetFile } from "@/db/queries/datasets";
import type { Challenge } from "@/db/schema";
import { BaselineInputError, resolveChallenge } from "./baseline-data";
import { registerBenchmark, type RegisteredBenchmark } from "./benchmark-entry";
import { initTfBackend } from "./tf-backend";

const ANOMALY_KIND = anomalyKind.id;
/** Fewest training events worth an autoencoder (it also holds 20% out for early stopping). */
const MIN_TRAIN_EVENTS = 50;


export interface AnomalyBaselineOptions {
  challenge: string;
  methods: readonly AnomalyMethod[];
  seed: number;
  epochs?: number;
  register: boolean;
  /** Bootstrap resamples for the score's ± (the worker's SCORING_BOOTSTRAP). */
  bootstrap: number;
  onEpoch?: (method: AnomalyMethod) => EpochListener;
}

export interface AnomalyBaselineResult {
  method: AnomalyMethod;
  /** The benchmark entry's name on the leaderboard. */
  name: string;
  csv: string;
  card: AnomalyModelCard & { challenge: string; createdAt: string };
  registered: RegisteredBenchmark | null;
}

async function readStored(db: Db, challenge: Challenge, filename: string, withEventId: boolean): Promise<ChallengeFile> {
  const file = await getDatasetFile(db, challenge.id, filename);
  if (!file) throw new BaselineInputError(`challenge "${challenge.slug}" has no ${filename}: the anomaly baselines need a Track A challenge (train.csv and test.csv)`);
  try {
    return await readChallengeFile(file.gzipContent, filename, withEventId);
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

/** Resolves and reads the challenge (every input problem first), then trains, scores and registers each method. */
export async function runAnomalyBaseline(db: Db, opts: AnomalyBaselineOptions): Promise<AnomalyBaselineResult[]> {
  const challenge = await resolveChallenge(db, opts.challenge);
  if (findKind(challenge.kind)?.baselines?.trainer !== "anomaly") throw new BaselineInputError(`challenge "${challenge.slug}" is a ${challenge.kind} challenge; the anomaly baselines handle ${ANOMALY_KIND} only`);
  const train = await readStored(db, challenge, "train.csv", false);
  const test = await readStored(db, challenge, "test.csv", true);
  const nTrain = train.events.label.length;
  if (nTrain < MIN_TRAIN_EVENTS) throw new BaselineInputError(`challenge "${challenge.slug}" has ${nTrain} training events; the baselines need at least ${MIN_TRAIN_EVENTS}`);
  await initTfBackend();
  const results: AnomalyBaselineResult[] = [];
  for (const method of opts.methods) {
    const { scores, card: modelCard } = await runAnomalyMethod(method, { train: train.events, test: test.events }, { seed: opts.seed, epochs: opts.epochs, onEpoch: opts.onEpoch?.(method) });
    const csv = scoreSubmissionCsv(test.eventId, scores);
    const card = { ...modelCard, backend: `tfjs ${modelCard.backend}`, challenge: challenge.slug, createdAt: new Date().toISOString() };
    const name = entryName(card);
    const registered = opts.register
      ? await registerBenchmark(db, { challengeId: challenge.id, name, filename: `anomaly-baseline-${method}.csv`, csv, modelCard: card as unknown as Record<string, unknown>, bootstrap: opts.bootstrap })
      : null;
    results.push({ method, name, csv, card, registered });
  }
  return results;
}

