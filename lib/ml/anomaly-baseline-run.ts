/**
 * The anomaly-detection baselines against a challenge's stored files: train each method (lib/ml/anomaly-training.ts;
 * in a training process for the worker) and register its submission as a scored benchmark entry. Used by `npm run
 * baseline` and the worker's baseline runs (through lib/ml/trainers.ts). Every input problem is found before anything
 * is trained.
 */
import { anomalyKind } from "@/challenges/anomaly-detection/kind";
import type { EpochListener } from "@/challenges/anomaly-detection/baseline/progress";
import type { AnomalyMethod } from "@/challenges/anomaly-detection/baseline/methods";
import type { Db } from "@/db";
import type { TrainedAnomalyEntry } from "./anomaly-training";
import { resolveChallengeFor, storedFile } from "./baseline-data";
import { publishAsTrained } from "./baseline-run";
import { registerBenchmark, type RegisteredBenchmark } from "./benchmark-entry";
import type { Trainer } from "./trainer";

const ANOMALY_KIND = anomalyKind.id;

export interface AnomalyBaselineOptions {
  challenge: string;
  methods: readonly AnomalyMethod[];
  seed: number;
  epochs?: number;
  register: boolean;
  /** Bootstrap resamples for the score's ± (the worker's SCORING_BOOTSTRAP). */
  bootstrap: number;
  onEpoch?: (method: AnomalyMethod) => EpochListener;
  /** Where the training runs: this process unless told (the worker passes trainInChildProcess). */
  trainer?: Trainer;
}

export type AnomalyBaselineResult = TrainedAnomalyEntry & { registered: RegisteredBenchmark | null };

/** Resolves and reads the challenge (every input problem first), then trains, scores and registers each method. */
export async function runAnomalyBaseline(db: Db, opts: AnomalyBaselineOptions): Promise<AnomalyBaselineResult[]> {
  const challenge = await resolveChallengeFor(db, opts.challenge, "anomaly", `the anomaly baselines handle ${ANOMALY_KIND} only`);
  const missing = "the anomaly baselines need a Track A challenge (train.csv and test.csv)";
  const input = {
    challenge: challenge.slug,
    train: await storedFile(db, challenge, "train.csv", missing),
    test: await storedFile(db, challenge, "test.csv", missing),
    methods: opts.methods,
    seed: opts.seed,
    epochs: opts.epochs,
  };
  const listeners = new Map(opts.methods.map((m) => [m as string, opts.onEpoch?.(m)]));
  return publishAsTrained(
    async (entry) =>
      (opts.trainer ?? (await import("./trainer")).trainHere)("anomaly", input, {
        progress: (method, e) => listeners.get(method)?.(e),
        log: () => undefined,
        entry,
      }),
    async (e: TrainedAnomalyEntry): Promise<AnomalyBaselineResult> => {
      const registered = opts.register
        ? await registerBenchmark(db, {
            challengeId: challenge.id,
            name: e.name,
            filename: `anomaly-baseline-${e.method}.csv`,
            csv: e.csv,
            modelCard: e.card as unknown as Record<string, unknown>,
            bootstrap: opts.bootstrap,
          })
        : null;
      return { ...e, registered };
    },
  );
}
