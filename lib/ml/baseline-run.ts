/**
 * The baseline trainer behind `npm run baseline` and the worker's baseline runs: resolve the challenge, read its
 * stored files, train each requested family (lib/ml/higgs-training.ts; in a training process for the worker) and
 * register each as a scored benchmark entry as soon as its family is trained. Each trained model is also exported
 * to ONNX; where a phase of the challenge takes models, that model file is the benchmark entry (scored through the
 * model path, and offered as a worked example), else the CSV is.
 */
import { modelContract } from "@/challenges";
import { acceptsModels } from "@/challenges/shared/model-contract";
import type { ProgressEvent } from "@/challenges/shared/baseline/types";
import type { Db } from "@/db";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { HIGGS_KIND, higgsChallengeFiles, resolveChallengeFor } from "./baseline-data";
import { registerBenchmark, type RegisteredBenchmark } from "./benchmark-entry";
import type { FamilyChoice, TrainedHiggsEntry } from "./higgs-training";
import type { Trainer } from "./trainer";

export interface BaselineRunOptions {
  /** A challenge slug, or "higgs-tautau" when exactly one Higgs challenge exists. */
  challenge: string;
  family: FamilyChoice;
  seed: number;
  epochs?: number;
  ensemble?: number;
  /** Store and score the submission as a benchmark entry. */
  register: boolean;
  /** Bootstrap resamples for the score's ± (the worker's SCORING_BOOTSTRAP). */
  bootstrap: number;
  onProgress?: (familyId: string, event: ProgressEvent) => void;
  /** Notices for the run's log. */
  log?: (message: string) => void;
  /** Where the training runs: this process unless told (the worker passes trainInChildProcess). */
  trainer?: Trainer;
}

export type BaselineRunResult = TrainedHiggsEntry & { registered: RegisteredBenchmark | null };

/**
 * Hands each trained entry to `publish` in order while training goes on, and returns the published results once
 * training and every publication are done (a training failure is thrown after the entries already handed over).
 */
export async function publishAsTrained<E, R>(train: (entry: (e: E) => void) => Promise<void>, publish: (e: E) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let publishing = Promise.resolve();
  try {
    await train((e) => {
      publishing = publishing.then(async () => void results.push(await publish(e)));
    });
  } finally {
    await publishing.catch(() => undefined);
  }
  await publishing;
  return results;
}

export async function runBaseline(db: Db, opts: BaselineRunOptions): Promise<BaselineRunResult[]> {
  const challenge = await resolveChallengeFor(db, opts.challenge, "higgs", `the baseline trainer handles ${HIGGS_KIND} only`);
  const files = await higgsChallengeFiles(db, challenge);
  const phases = (await getChallengeBySlug(db, challenge.slug))?.phases ?? [];
  const asModel = modelContract(challenge.kind) !== undefined && phases.some((p) => acceptsModels(p.submissionMode));
  const input = { challenge: challenge.slug, ...files, family: opts.family, seed: opts.seed, epochs: opts.epochs, ensemble: opts.ensemble };
  return publishAsTrained(
    async (entry) =>
      (opts.trainer ?? (await import("./trainer")).trainHere)("higgs", input, {
        progress: (family, e) => opts.onProgress?.(family, e),
        log: (message) => opts.log?.(message),
        entry,
      }),
    async (e: TrainedHiggsEntry): Promise<BaselineRunResult> => {
      const registered = opts.register
        ? await registerBenchmark(db, {
            challengeId: challenge.id,
            name: e.name,
            filename: `baseline-${e.familyId}.${asModel ? "onnx" : "csv"}`,
            csv: e.csv,
            model: asModel ? e.onnx : undefined,
            modelCard: e.card as unknown as Record<string, unknown>,
            bootstrap: opts.bootstrap,
          })
        : null;
      return { ...e, registered };
    },
  );
}
