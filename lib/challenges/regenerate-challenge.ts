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
import { eq, sql } from "drizzle-orm";
import type { BuiltInChallenge } from "@/challenges/built-in";
import { builtInChallenges, kindOf } from "@/challenges";
import type { Seed } from "@/challenges/shared/random";
import type { Db } from "@/db/client";
import { compressFiles, freshDataKey, insertDataset } from "./create-challenge";
import { resetForRescore } from "@/db/queries/organiser";
import { challenges, submissions } from "@/db/schema";

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
    throw new RegenerateError(`"${slug}" is not a built-in challenge (${builtInChallenges.map((c) => c.slug).join(", ")}); create an organiser's challenge anew instead`);
  }
  const [challenge] = await db.select().from(challenges).where(eq(challenges.slug, slug));
  if (!challenge) throw new RegenerateError(`no challenge with the slug "${slug}" in this database`);
  const scale = typeof challenge.config.scale === "number" ? challenge.config.scale : 1;
  const data = spec.generate(scale, opts.seed ?? freshDataKey());
  const files = await compressFiles(data);
  if (kindOf(spec.kind).regenerate === "rescore") {
    const datasetId = await insertDataset(db, challenge.id, data, files);
    return { challengeId: challenge.id, datasetId, outcome: "rescored", submissions: (await resetForRescore(db, challenge.id)).length };
  }
  const when = (opts.now ?? new Date()).toISOString().slice(0, 10);
  return db.transaction(async (tx) => {
    const datasetId = await insertDataset(tx as unknown as Db, challenge.id, data, files);
    const old = sql`select id from submission where challenge_id = ${challenge.id}`;
    await tx.execute(sql`delete from public_score where submission_id in (${old})`);
    await tx.execute(sql`delete from private_score where submission_id in (${old})`);
    const voided = await tx
      .update(submissions)
      .set({
        status: "failed",
        error: `Voided on ${when}: the challenge's data were regenerated with a new secret key, and these predictions are for the old test set.`,
        finishedAt: opts.now ?? new Date(),
        scoringToken: null,
      })
      .where(eq(submissions.challengeId, challenge.id))
      .returning({ id: submissions.id });
    return { challengeId: challenge.id, datasetId, outcome: "voided" as const, submissions: voided.length };
  });
}
