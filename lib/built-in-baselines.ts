import { formatScore } from "@/scoring/score-value";
import type PgBoss from "pg-boss";
import type { BuiltInChallenge } from "@/challenges/built-in";
import type { Db } from "@/db";
import { createBaselineRun } from "@/lib/jobs/baseline-job";
import { registerBenchmark } from "@/lib/ml/benchmark-entry";
import { familyUnavailable } from "@/lib/ml/family-availability";

/**
 * Posts the reference entries of newly created built-in challenges (the detector
 * optimisers' best designs) as benchmark submissions, scored by the normal path.
 */
export async function postBuiltInBaselines(db: Db, created: { id: number; spec: BuiltInChallenge }[], bootstrap: number): Promise<void> {
  for (const { id, spec } of created) {
    for (const b of spec.baselines?.() ?? []) {
      const r = await registerBenchmark(db, {
        challengeId: id,
        name: b.name,
        filename: b.filename,
        csv: b.content,
        modelCard: b.modelCard,
        bootstrap,
      });
      if (r.status !== "scored") throw new Error(`benchmark "${b.name}" of ${spec.slug} was not scored: ${r.error ?? r.status}`);
      console.log(`  benchmark "${b.name}": public score ${formatScore(r.publicScore, 4)}`);
    }
  }
}

/**
 * Queues the trainer runs of newly created built-in challenges (spec.trainedBaselines) as background jobs, so a
 * newcomer's Higgs and anomaly boards show what a reference model scores without `npm start` waiting for training.
 * Where the worker runs in this process, a family it cannot run (XGBoost without libxgboost0) is passed over for
 * the spec's next one, and the log says so; the entry is named by the family actually trained.
 */
export async function queueBuiltInTraining(
  db: Db,
  boss: Pick<PgBoss, "send">,
  created: { id: number; spec: BuiltInChallenge }[],
  unavailable: (family: string) => Promise<string | null> = familyUnavailable,
): Promise<void> {
  for (const { id, spec } of created) {
    const families = spec.trainedBaselines ?? [];
    let family: string | undefined;
    for (const f of families) {
      const problem = await unavailable(f);
      if (!problem) {
        family = f;
        break;
      }
      console.log(`  benchmark trainer for ${spec.slug}: not ${f} (${problem})`);
    }
    if (!family) continue;
    await createBaselineRun(db, boss, { challengeId: id, requestedBy: null, family, seed: 1, epochs: null });
    console.log(`  benchmark trainer for ${spec.slug} (${family}) queued: it runs in the background; progress on the manage page`);
  }
}
