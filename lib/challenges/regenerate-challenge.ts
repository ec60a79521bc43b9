/**
 * Regenerates a built-in challenge's data with a fresh secret key: for installations whose data came from a seed
 * that can be searched for (before keys, any seed below 2^31 could be found from the public test.csv).
 *
 * What happens to the submissions already made, by kind:
 * - Higgs and anomaly detection: they are **voided** (failed, with the reason; their scores deleted). Their
 *   predictions are for the old test events, whose ids the new test set reuses: scored against the new answer key
 *   they would rank noise.
 * - Detector design: they are **rescored**. A submission is a geometry, not predictions, so it is as valid as
 *   before; only the private leaderboard's tracks (the secret) change. They go back to the queue and a worker
 *   rescores them.
 */
import type { BuiltInChallenge } from "@/challenges/built-in";
import { builtInChallenges, kindOf } from "@/challenges";
import type { Seed } from "@/challenges/shared/random";
import type { Db } from "@/db/client";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { resetForRescore, voidSubmissions } from "@/db/queries/organiser";
import { compressFiles, freshDataKey, storeDataset } from "./create-challenge";

export class RegenerateError extends Error {}

export interface Regenerated {
  challengeId: number;
  datasetId: number;
  /** What happened to the submissions made before. */
  outcome: "voided" | "rescored";
  submissions: number;
}

export async function regenerateBuiltInChallenge(db: Db, slug: string, opts: { seed?: Seed; now?: Date } = {}): Promise<Regenerated> {
  const spec: BuiltInChallenge | undefined = builtInChallenges.find((c) => c.slug === slug);
  if (!spec) {
    throw new RegenerateError(
      `"${slug}" is not a built-in challenge (${builtInChallenges.map((c) => c.slug).join(", ")}); create an organiser's challenge anew instead`,
    );
  }
  const challenge = await getChallengeBySlug(db, slug);
  if (!challenge) throw new RegenerateError(`no challenge with the slug "${slug}" in this database`);
  const scale = typeof challenge.config.scale === "number" ? challenge.config.scale : 1;
  const data = spec.generate(scale, opts.seed ?? freshDataKey());
  const files = await compressFiles(data);
  if (kindOf(spec.kind).regenerate === "rescore") {
    const datasetId = await storeDataset(db, challenge.id, data, files);
    return { challengeId: challenge.id, datasetId, outcome: "rescored", submissions: (await resetForRescore(db, challenge.id)).length };
  }
  const now = opts.now ?? new Date();
  const reason = `Voided on ${now.toISOString().slice(0, 10)}: the challenge's data were regenerated with a new secret key, and these predictions are for the old test set.`;
  return db.transaction(async (tx) => {
    const datasetId = await storeDataset(tx as unknown as Db, challenge.id, data, files);
    const voided = await voidSubmissions(tx as unknown as Db, challenge.id, reason, now);
    return { challengeId: challenge.id, datasetId, outcome: "voided" as const, submissions: voided };
  });
}
