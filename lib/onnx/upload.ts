/**
 * The upload side of model submissions: a file named *.onnx is a model; it is checked completely (validate.ts)
 * before anything is stored or queued, and the current phase must take models.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { StatusAt } from "@/challenges/phase-status";
import { modelContract } from "@/challenges";
import { acceptsModels, acceptsPredictions, type SubmissionMode } from "@/challenges/shared/model-contract";
import { ApiError } from "../api-error";
import type { PreparedUpload } from "../uploads";
import { ModelRejectedError, validateModel } from "./validate";

export function isModelFilename(filename: string): boolean {
  return /\.onnx$/i.test(filename.trim());
}

/** The current phase's mode ("predictions" when no phase is open). */
export function currentSubmissionMode(state: StatusAt): SubmissionMode {
  return state.current?.submissionMode ?? "predictions";
}

/** Refuses a model in a predictions-only phase and a CSV in a models-only one. */
export function checkSubmissionMode(challenge: { kind: string; state: StatusAt }, isModel: boolean): void {
  const mode = currentSubmissionMode(challenge.state);
  if (isModel && (!acceptsModels(mode) || !modelContract(challenge.kind))) {
    throw new ApiError(400, "models_not_accepted", "This phase takes predictions files, not ONNX models: upload a .csv or .csv.gz.");
  }
  if (!isModel && !acceptsPredictions(mode)) {
    throw new ApiError(
      400,
      "predictions_not_accepted",
      "This phase takes ONNX models only (the test features are hidden): upload an .onnx file.",
    );
  }
}

/** Checks a model against the challenge's contract and size cap; stored gzip-compressed like every upload. */
export function prepareModelUpload(bytes: Uint8Array, challenge: { kind: string; modelMaxMb: number }): PreparedUpload {
  const contract = modelContract(challenge.kind);
  if (!contract) throw new ApiError(400, "models_not_accepted", "This challenge does not take ONNX models.");
  if (bytes.byteLength > challenge.modelMaxMb * 1024 * 1024) {
    throw new ApiError(413, "too_large", `The model is larger than this challenge's limit of ${challenge.modelMaxMb} MB.`);
  }
  try {
    validateModel(bytes, contract.features, challenge.modelMaxMb);
  } catch (err) {
    if (err instanceof ModelRejectedError) throw new ApiError(400, "bad_model", err.message);
    throw err;
  }
  return {
    gzipContent: gzipSync(bytes, { level: 6 }),
    sizeBytes: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}
