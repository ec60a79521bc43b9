import type { BuiltInChallenge } from "@/challenges/built-in";
import { builtInChallenges } from "@/challenges";
import type { Seed } from "@/challenges/shared/random";
import type { Db } from "@/db/client";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { createChallengeWithDataset, freshDataKey } from "./create-challenge";

/**
 * At start: creates each built-in challenge that does not exist yet (idempotent).
 * Returns the ones created now, so the caller can post their baseline entries. `seed`: for tests that assert on
 * the data; by default each challenge gets a fresh secret key.
 */
export async function seedBuiltInChallenges(db: Db, scale = 1, seed?: Seed): Promise<{ id: number; spec: BuiltInChallenge }[]> {
  const created: { id: number; spec: BuiltInChallenge }[] = [];
  for (const spec of builtInChallenges) {
    if (await getChallengeBySlug(db, spec.slug)) continue;
    const t0 = performance.now();
    console.log(`Creating built-in challenge "${spec.title}"…`);
    const { generate, ...meta } = spec;
    // A secret key per installation and challenge (kept in the dataset's server-only secrets).
    const challenge = await createChallengeWithDataset(
      db,
      { ...meta, config: { ...meta.config, scale } },
      generate(scale, seed ?? freshDataKey()),
    );
    created.push({ id: challenge.id, spec });
    console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return created;
}
