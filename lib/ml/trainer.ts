/**
 * What a baseline trainer takes and gives, with no database on either side, so the same training runs in the
 * command's own process (`npm run baseline`) or in a training process apart from the site (lib/ml/training-process.ts).
 */
import type { EpochEvent } from "@/challenges/anomaly-detection/baseline/progress";
import type { ProgressEvent } from "@/challenges/shared/baseline/types";
import type { TabularProgress } from "@/challenges/tabular/baseline/task";
import { type AnomalyTrainingInput, type TrainedAnomalyEntry, trainAnomalyEntries } from "./anomaly-training";
import { type HiggsTrainingInput, type TrainedHiggsEntry, trainHiggsEntries } from "./higgs-training";
import { type TabularTrainingInput, type TrainedTabularEntry, trainTabularEntries } from "./tabular-training";

export interface TrainingKinds {
  higgs: { input: HiggsTrainingInput; entry: TrainedHiggsEntry; progress: ProgressEvent };
  anomaly: { input: AnomalyTrainingInput; entry: TrainedAnomalyEntry; progress: EpochEvent };
  generic: { input: TabularTrainingInput; entry: TrainedTabularEntry; progress: TabularProgress };
}
export type TrainingKind = keyof TrainingKinds;

/** What a trainer reports as it goes: each family's epochs, notices for the run's log, and each finished entry. */
export interface TrainingEvents<K extends TrainingKind> {
  progress(family: string, event: TrainingKinds[K]["progress"]): void;
  log(message: string): void;
  entry(entry: TrainingKinds[K]["entry"]): void;
}

/** Trains `input`; resolves once every entry has been handed over, rejects with the reason a run fails. */
export type Trainer = <K extends TrainingKind>(kind: K, input: TrainingKinds[K]["input"], events: TrainingEvents<K>) => Promise<void>;

const trainers: { [K in TrainingKind]: (input: TrainingKinds[K]["input"], events: TrainingEvents<K>) => Promise<void> } = {
  higgs: trainHiggsEntries,
  anomaly: trainAnomalyEntries,
  generic: trainTabularEntries,
};

/** Trains in this process (its event loop is busy meanwhile: for commands, and inside the training process). */
export const trainHere: Trainer = (kind, input, events) => trainers[kind](input, events);
