import type { BuiltInChallenge } from "@/challenges/built-in";
import type { Db } from "@/db";
import { registerBenchmark } from "@/lib/ml/benchmark-entry";

/**
 * Posts the reference entries of newly created built-in challenges (the detector
 * optimisers' best designs) as benchmark submissions, scored by the normal path.
 */
export async function postBuiltInBaselines(db: Db, created: { id: number; spec: BuiltInChallenge }[], bootstrap: number): Promise<void> {
  for (const { id, spec } of created) {
    for (const b of spec.baselines?.() ?? []) {
      const r = await registerBenchmark(db, { challengeId: id, name: b.name, filename: b.filename, csv: b.content, modelCard: b.modelCard, bootstrap });
      if (r.status !== "scored") throw new Error(`benchmark "${b.name}" of ${spec.slug} was not scored: ${r.error ?? r.status}`);
      console.log(`  benchmark "${b.name}": public score ${r.publicScore?.toFixed(4)}`);
    }
  }
}
