/**
 * The baseline trainer's input, read from the database: which challenge a command-line name means, and its stored
 * files (gzip bytes; the trainer parses them, in the training process when the worker runs it).
 */
import { findKind } from "@/challenges";
import { higgsKind } from "@/challenges/higgs-tautau/kind";
import type { Db } from "@/db";
import { getChallengeBySlug, listChallengesOfKind } from "@/db/queries/challenges";
import { datasetFileBytes } from "@/db/queries/datasets";
import type { Challenge } from "@/db/schema";
import { BaselineInputError } from "./baseline-input-error";
import type { TrainerId } from "./trainers";

/** The kind whose baseline this trainer knows. */
export const HIGGS_KIND = higgsKind.id;

/**
 * The challenge named `name`: a slug, or the kind "higgs-tautau" when exactly one challenge has that kind (a slug
 * wins when both match).
 */
export async function resolveChallenge(db: Db, name: string): Promise<Challenge> {
  const bySlug = await getChallengeBySlug(db, name);
  if (bySlug) return bySlug;
  if (name === HIGGS_KIND) {
    const ofKind = await listChallengesOfKind(db, HIGGS_KIND);
    if (ofKind.length === 1) return ofKind[0]!;
    if (ofKind.length > 1) {
      throw new BaselineInputError(
        `"${name}" is ambiguous: ${ofKind.length} Higgs challenges (${ofKind.map((c) => c.slug).join(", ")}); give a slug`,
      );
    }
  }
  throw new BaselineInputError(`there is no challenge "${name}"`);
}

/** A stored file of the challenge's current dataset (gzip); `missing` says why a baseline cannot do without it. */
export async function storedFile(db: Db, challenge: Challenge, filename: string, missing: string): Promise<Uint8Array> {
  const bytes = await datasetFileBytes(db, challenge.id, filename);
  if (!bytes) throw new BaselineInputError(`challenge "${challenge.slug}" has no ${filename}: ${missing}`);
  return bytes;
}

/**
 * resolveChallenge, refused unless the challenge's kind declares `trainer` as its baselines' trainer; `handles` ends
 * the refusal ("the anomaly baselines handle anomaly-detection only").
 */
export async function resolveChallengeFor(db: Db, name: string, trainer: TrainerId, handles: string): Promise<Challenge> {
  const challenge = await resolveChallenge(db, name);
  if (findKind(challenge.kind)?.baselines?.trainer !== trainer)
    throw new BaselineInputError(`challenge "${challenge.slug}" is a ${challenge.kind} challenge; ${handles}`);
  return challenge;
}

/** The training and test files of a Higgs challenge. */
export async function higgsChallengeFiles(db: Db, challenge: Challenge): Promise<{ training: Uint8Array; test: Uint8Array }> {
  const missing = "nothing to train on or predict";
  return { training: await storedFile(db, challenge, "training.csv", missing), test: await storedFile(db, challenge, "test.csv", missing) };
}
