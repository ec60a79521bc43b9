/**
 * What an ONNX model submitted to a challenge receives and must return: the exact feature columns (the order of the
 * published test.csv after EventId), how undefined values arrive, and how its output becomes the kind's submission
 * file, which then goes through the normal scorer (so public/private subsets, ± and leaderboards are the same as
 * for uploaded predictions).
 *
 * Worked example (Higgs): ids [10, 11], model outputs [0.7, 0.2], threshold 0.5 → "EventId,RankOrder,Class /
 * 10,2,s / 11,1,b".
 */

/** Per phase: uploaded predictions only (as before), ONNX models only (test features hidden), or either. */
export const SUBMISSION_MODES = ["predictions", "models", "both"] as const;
export type SubmissionMode = (typeof SUBMISSION_MODES)[number];

export function isSubmissionMode(x: unknown): x is SubmissionMode {
  return typeof x === "string" && (SUBMISSION_MODES as readonly string[]).includes(x);
}

export const acceptsModels = (mode: SubmissionMode) => mode !== "predictions";
export const acceptsPredictions = (mode: SubmissionMode) => mode !== "models";

/** The file whose features models are run on; in a "models" phase it is not offered for download. */
export const MODEL_TEST_FILE = "test.csv";

/** Test features stay hidden while any "models" phase has not ended: released earlier, they could be studied first. */
export function testFeaturesHidden(phases: readonly { endsAt: Date; submissionMode?: SubmissionMode }[], now: Date): boolean {
  return phases.some((p) => p.submissionMode === "models" && p.endsAt.getTime() > now.getTime());
}

/** ONNX model metadata key (metadata_props) that sets the signal threshold of a classifying kind. */
export const THRESHOLD_METADATA_KEY = "threshold";
export const DEFAULT_THRESHOLD = 0.5;

/** Each kind declares its own (challenges/<kind>/kind.ts `modelContract`). */
export interface ModelContract {
  features: readonly string[];
  /** How undefined feature values are fed, as the challenge page states it. */
  missing: string;
  /** What the one output per event means. */
  output: string;
  /** The submission CSV (UTF-8 bytes) from the model's outputs, in the kind's upload format. */
  submission(eventIds: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): Uint8Array;
}

/** `EventId,score` for score-ranked kinds. */
export function eventScoresCsv(eventIds: ArrayLike<number>, scores: ArrayLike<number>): Uint8Array {
  const lines = new Array<string>(scores.length + 1);
  lines[0] = "EventId,score";
  for (let i = 0; i < scores.length; i++) lines[i + 1] = `${eventIds[i]},${scores[i]}`;
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}
