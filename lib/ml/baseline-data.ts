/**
 * The baseline trainer's input, read from the database: which challenge a command-line name means, and its
 * training and test events parsed from the stored gzip CSV files with the importer's validating reader.
 */
import { eq } from "drizzle-orm";
import { findKind } from "@/challenges";
import { higgsKind } from "@/challenges/higgs-tautau/kind";
import type { HiggsEvents } from "@/challenges/higgs-tautau/schema";
import { KAGGLE_TEST_LAYOUT, KAGGLE_TRAINING_LAYOUT, readEventFile, type FileLayout } from "@/challenges/higgs-tautau/importer/read-events";
import { ImportFormatError } from "@/challenges/higgs-tautau/importer/import-error";
import type { Db } from "@/db";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { getDatasetFile } from "@/db/queries/datasets";
import { challenges, type Challenge } from "@/db/schema";

/** A problem with the user's input (challenge name, its data): the CLI reports it and exits with status 2. */
export class BaselineInputError extends Error {
  override readonly name = "BaselineInputError";
}

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
    const ofKind = await db.select().from(challenges).where(eq(challenges.kind, HIGGS_KIND)).orderBy(challenges.id);
    if (ofKind.length === 1) return ofKind[0]!;
    if (ofKind.length > 1) {
      throw new BaselineInputError(`"${name}" is ambiguous: ${ofKind.length} Higgs challenges (${ofKind.map((c) => c.slug).join(", ")}); give a slug`);
    }
  }
  throw new BaselineInputError(`there is no challenge "${name}"`);
}

async function readStoredEvents(db: Db, challenge: Challenge, filename: string, layout: FileLayout): Promise<HiggsEvents> {
  const file = await getDatasetFile(db, challenge.id, filename);
  if (!file) throw new BaselineInputError(`challenge "${challenge.slug}" has no ${filename}: nothing to train on or predict`);
  try {
    return (await readEventFile(file.gzipContent, layout, filename)).events;
  } catch (err) {
    if (err instanceof ImportFormatError) throw new BaselineInputError(err.message);
    throw err;
  }
}

/** Training events (with labels and weights) and test events (features only) of a Higgs challenge. */
export async function loadHiggsChallengeData(db: Db, challenge: Challenge): Promise<{ train: HiggsEvents; test: HiggsEvents }> {
  if (findKind(challenge.kind)?.baselines?.trainer !== "higgs") throw new BaselineInputError(`challenge "${challenge.slug}" is a ${challenge.kind} challenge; the baseline trainer handles ${HIGGS_KIND} only`);
  const train = await readStoredEvents(db, challenge, "training.csv", KAGGLE_TRAINING_LAYOUT);
  const test = await readStoredEvents(db, challenge, "test.csv", KAGGLE_TEST_LAYOUT);
  return { train, test };
}
