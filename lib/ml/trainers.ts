/**
 * The baseline trainers by the id a kind declares (ChallengeKind.baselines.trainer): each takes a worker's run (its
 * family in the run's own words) and trains and registers that trainer's entries. A kind's new trainer is one entry.
 */
import { findKind } from "@/challenges";
import type { ChallengeKind } from "@/challenges/kind";
import type { Db } from "@/db";
import { runAnomalyBaseline } from "./anomaly-baseline-run";
import { runBaseline } from "./baseline-run";
import type { FamilyChoice } from "./higgs-training";
import { runTabularBaseline } from "./tabular-baseline-run";
import type { TabularFamilyChoice } from "./tabular-training";
import type { Trainer } from "./trainer";

export type TrainerId = NonNullable<ChallengeKind["baselines"]>["trainer"];

export interface BaselineRunRequest {
  challenge: string;
  /** The run's family as the manage page sent it ("both" runs each). */
  family: string;
  seed: number;
  epochs?: number;
  register: boolean;
  bootstrap: number;
  trainer: Trainer;
  progress: (family: string, event: { epoch: number; epochs: number } & Record<string, unknown>) => void;
  log: (message: string) => void;
}

export type BaselineTrainer = (
  db: Db,
  run: BaselineRunRequest,
) => Promise<{ name: string; registered: { publicScore: number | null } | null }[]>;

export const baselineTrainers: Record<TrainerId, BaselineTrainer> = {
  higgs: (db, { family, progress, ...run }) =>
    runBaseline(db, { ...run, family: family as FamilyChoice, onProgress: (f, e) => progress(f, { ...e }) }),
  anomaly: (db, { family, progress, log: _log, ...run }) =>
    runAnomalyBaseline(db, {
      ...run,
      methods: family === "both" ? ["autoencoder", "cwola"] : [family as "autoencoder" | "cwola"],
      onEpoch: (method) => (e) => progress(method, { ...e }),
    }),
  generic: (db, { family, progress, ...run }) =>
    runTabularBaseline(db, { ...run, family: family as TabularFamilyChoice, onProgress: (f, e) => progress(f, { ...e }) }),
};

/** The trainer of a challenge of `kind`; a kind that declares none gets the Higgs trainer, which refuses it clearly. */
export function baselineTrainerOf(kind: string): BaselineTrainer {
  return baselineTrainers[findKind(kind)?.baselines?.trainer ?? "higgs"];
}
