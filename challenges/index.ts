/**
 * The only list of challenge kinds. Everything that depends on a kind (the database's kind column, bundles, the
 * organiser's form, labels, the scoring worker, built-in challenges) reads it from here; adding a kind is its
 * folder plus one line below.
 */
import { anomalyKind } from "./anomaly-detection/kind";
import type { BuiltInChallenge } from "./built-in";
import { detectorKind } from "./detector-design/kind";
import { higgsKind } from "./higgs-tautau/kind";
import type { ChallengeKind, KindUpload } from "./kind";
import type { ModelContract } from "./shared/model-contract";
import { tabularKind } from "./tabular/kind";

export const CHALLENGE_KINDS: readonly ChallengeKind[] = [higgsKind, anomalyKind, detectorKind, tabularKind];

/** Every kind's id, in list order (a non-empty tuple, as z.enum wants). */
export const KIND_IDS = CHALLENGE_KINDS.map((k) => k.id) as [string, ...string[]];

const BY_ID = new Map(CHALLENGE_KINDS.map((k) => [k.id, k]));

/** The kind with this id, or undefined (an id read from a bundle or a form is checked here). */
export function findKind(id: string): ChallengeKind | undefined {
  return BY_ID.get(id);
}

/** The kind of a stored challenge: an unknown id there is a broken database, not a user's error. */
export function kindOf(id: string): ChallengeKind {
  const kind = BY_ID.get(id);
  if (!kind) throw new Error(`unknown challenge kind ${JSON.stringify(id)} (known: ${KIND_IDS.join(", ")})`);
  return kind;
}

/** Every kind's uploads (challenges from an organiser's own files) with their kind, in list order. */
export const KIND_UPLOADS: readonly { kind: ChallengeKind; upload: KindUpload }[] = CHALLENGE_KINDS.flatMap((kind) =>
  (kind.uploads ?? []).map((upload) => ({ kind, upload })),
);

const UPLOAD_BY_ID = new Map(KIND_UPLOADS.map((u) => [u.upload.id, u]));
if (UPLOAD_BY_ID.size !== KIND_UPLOADS.length)
  throw new Error(`two uploads share an id: ${KIND_UPLOADS.map((u) => u.upload.id).join(", ")}`);

/** The upload with this id and its kind, or undefined (an id from a form or the API is checked here). */
export function findUpload(id: string): { kind: ChallengeKind; upload: KindUpload } | undefined {
  return UPLOAD_BY_ID.get(id);
}

/** The challenges created at first start, every kind's in list order. */
export const builtInChallenges: readonly BuiltInChallenge[] = CHALLENGE_KINDS.flatMap((k) => k.builtIns);

/** The ONNX model contract of a kind, or undefined when it takes uploaded files only. */
export function modelContract(kindId: string): ModelContract | undefined {
  return findKind(kindId)?.modelContract;
}

/** The family the manage form preselects: the kind's default, or the first that runs without XGBoost when it cannot load. */
export function defaultBaselineFamily(baselines: NonNullable<ChallengeKind["baselines"]>, xgboostMissing: boolean): string {
  const preferred = baselines.families.find((f) => f.id === baselines.defaultFamily);
  if (!xgboostMissing || !preferred?.needsXgboost) return baselines.defaultFamily;
  return baselines.families.find((f) => !f.needsXgboost)?.id ?? baselines.defaultFamily;
}

export type { BaselineFamily, ChallengeKind, KindScore, KindScoreInput, KindUpload, SimulationRequest, SubmissionIssue } from "./kind";
export { SubmissionIssuesError } from "./kind";
