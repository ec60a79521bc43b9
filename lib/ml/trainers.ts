/**
 * The baseline trainers by the id a kind declares (ChallengeKind.baselines.trainer): each takes a worker's run (its
 * family in the run's own words) and trains and registers that trainer's entries. A kind's new trainer is one entry.
 */
import { findKind } from "@/challenges";
import type { ChallengeKind } from "@/challenges/kind";
import type { Db } from "@/db";
import { runAnomalyBaseline } from "./anomaly-baseline-run";
import { runBaseline } from "./baseline-run";
import type { RegisteredBenchmark } from "./benchmark-entry";
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
  /** Networks in the Higgs trainer's MLP ensemble (its default when absent); the other trainers have none. */
  ensemble?: number;
  register: boolean;
  bootstrap: number;
  trainer: Trainer;
  progress: (family: string, event: { epoch: number; epochs: number } & Record<string, unknown>) => void;
  log: (message: string) => void;
}

/** One trained entry: the worker keeps its score, `npm run baseline` also writes its files. */
export interface BaselineOutcome {
  /** The family (or method) that trained it; it names the command's output files. */
  familyId: string;
  name: string;
  csv: string;
  /** The model as ONNX, where the trainer exports one. */
  onnx?: Uint8Array;
  /** How the training went, where the trainer tells (the command prints it after "trained"). */
  detail?: string;
  registered: RegisteredBenchmark | null;
}

export type BaselineTrainer = (db: Db, run: BaselineRunRequest) => Promise<BaselineOutcome[]>;

export const baselineTrainers: Record<TrainerId, BaselineTrainer> = {
  higgs: (db, { family, progress, ...run }) =>
    runBaseline(db, { ...run, family: family as FamilyChoice, onProgress: (f, e) => progress(f, { ...e }) }),
  anomaly: async (db, { family, progress, log: _log, ensemble: _ensemble, ...run }) =>
    (
      await runAnomalyBaseline(db, {
        ...run,
        methods: family === "both" ? ["autoencoder", "cwola"] : [family as "autoencoder" | "cwola"],
        onEpoch: (method) => (e) => progress(method, { ...e }),
      })
    ).map((r) => ({
      ...r,
      familyId: r.method,
      detail: `in ${r.card.trainingSeconds.toFixed(1)} s (best epochs ${r.card.bestEpochs.join(", ")})`,
    })),
  generic: (db, { family, progress, ensemble: _ensemble, ...run }) =>
    runTabularBaseline(db, { ...run, family: family as TabularFamilyChoice, onProgress: (f, e) => progress(f, { ...e }) }),
};

/** The trainer of a challenge of `kind`; a kind that declares none gets the Higgs trainer, which refuses it clearly. */
export function baselineTrainerOf(kind: string): BaselineTrainer {
  return baselineTrainers[findKind(kind)?.baselines?.trainer ?? "higgs"];
}
