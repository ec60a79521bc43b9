/**
 * The tabular baselines against a challenge's stored files: read train.csv, test.csv, the answer key's target (the
 * dataset manifest) and the metric, train each family (lib/ml/tabular-training.ts; in a training process for the
 * worker) and register each submission as a scored benchmark entry as soon as its family is trained.
 */
import { answerKeyTarget } from "@/challenges/built-in";
import type { TabularProgress } from "@/challenges/tabular/baseline/task";
import type { Db } from "@/db";
import { currentDataset } from "@/db/queries/datasets";
import { resolveChallengeFor, storedFile } from "./baseline-data";
import { publishAsTrained } from "./baseline-run";
import { registerBenchmark, type RegisteredBenchmark } from "./benchmark-entry";
import type { TabularFamilyChoice, TrainedTabularEntry } from "./tabular-training";
import type { Trainer } from "./trainer";

export interface TabularBaselineOptions {
  challenge: string;
  family: TabularFamilyChoice;
  seed: number;
  epochs?: number;
  register: boolean;
  /** Bootstrap resamples for the score's ± (the worker's SCORING_BOOTSTRAP). */
  bootstrap: number;
  onProgress?: (family: string, event: TabularProgress) => void;
  log?: (message: string) => void;
  /** Where the training runs: this process unless told (the worker passes trainInChildProcess). */
  trainer?: Trainer;
}

export type TabularBaselineResult = TrainedTabularEntry & { registered: RegisteredBenchmark | null };

export async function runTabularBaseline(db: Db, opts: TabularBaselineOptions): Promise<TabularBaselineResult[]> {
  const challenge = await resolveChallengeFor(db, opts.challenge, "generic", "the tabular baselines handle tabular challenges only");
  const missing = "the tabular baselines train on train.csv and predict test.csv";
  const dataset = await currentDataset(db, challenge.id);
  const input = {
    challenge: challenge.slug,
    train: await storedFile(db, challenge, "train.csv", missing),
    test: await storedFile(db, challenge, "test.csv", missing),
    target: answerKeyTarget(dataset?.manifest ?? {}),
    metricId: challenge.metricId,
    family: opts.family,
    seed: opts.seed,
    epochs: opts.epochs,
  };
  return publishAsTrained(
    async (entry) =>
      (opts.trainer ?? (await import("./trainer")).trainHere)("generic", input, {
        progress: (family, e) => opts.onProgress?.(family, e),
        log: (message) => opts.log?.(message),
        entry,
      }),
    async (e: TrainedTabularEntry): Promise<TabularBaselineResult> => {
      const registered = opts.register
        ? await registerBenchmark(db, {
            challengeId: challenge.id,
            name: e.name,
            filename: `baseline-${e.familyId}.csv`,
            csv: e.csv,
            modelCard: e.card,
            bootstrap: opts.bootstrap,
          })
        : null;
      return { ...e, registered };
    },
  );
}
