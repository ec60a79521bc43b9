/**
 * The worker's side of a model submission: the challenge's hidden test features (parsed once per dataset and kept),
 * the model run in its own process (lib/onnx/runner.ts), its efficiency recorded, and its outputs written as the
 * kind's submission CSV, which the caller scores exactly as an uploaded file.
 */
import { gunzipSync } from "node:zlib";
import { modelContract } from "@/challenges";
import { MODEL_TEST_FILE } from "@/challenges/shared/model-contract";
import type { Db } from "@/db";
import { datasetFileBytesOf } from "@/db/queries/datasets";
import { recordModelStats } from "@/db/queries/submissions";
import type { ModelStats } from "@/db/schema";
import { DEFAULT_RUN_LIMITS, ModelRunError, runModel, type RunLimits } from "@/lib/onnx/runner";
import { validateModel } from "@/lib/onnx/validate";
import { parseFeaturesOffThread } from "./scoring-pool";
import { perDataset } from "./solutions";

/**
 * The test events' ids and features, from the current dataset's test.csv: read in chunks and parsed on a scoring
 * thread, since with the embedded database this runs on the site's thread, and reading and parsing a large test
 * file there would hold every page until it was done.
 */
const testFeatures = perDataset(async (db, datasetId) => {
  const gz = await datasetFileBytesOf(db, datasetId, MODEL_TEST_FILE);
  if (!gz) throw new Error(`dataset ${datasetId} has no ${MODEL_TEST_FILE} to run models on`);
  return parseFeaturesOffThread(gz);
});

export interface ModelChallenge {
  challengeId: number;
  kind: string;
  modelMaxMb: number;
  /** ms per 1,000 events; null = none. */
  latencyBudgetMs: number | null;
}

/**
 * Runs a stored model on the hidden test features and returns the submission CSV its outputs make. Throws
 * ModelRejectedError (or its ModelRunError) for anything the competitor must fix; the efficiency figures are
 * recorded as soon as the model has run, so a model over the latency budget still shows its latency.
 */
export async function modelPredictionsCsv(
  db: Db,
  submissionId: number,
  gz: Uint8Array,
  c: ModelChallenge,
  limits: RunLimits = DEFAULT_RUN_LIMITS,
): Promise<Uint8Array> {
  const contract = modelContract(c.kind);
  if (!contract) throw new ModelRunError(`This challenge's kind (${c.kind}) does not take models.`);
  const model = gunzipSync(gz);
  const plan = validateModel(model, contract.features, c.modelMaxMb);
  const test = await testFeatures(db, c.challengeId);
  // An organiser's data problem, not the competitor's: thrown as a plain error, so the job is retried and reported.
  if (test.features.join(",") !== contract.features.join(","))
    throw new Error(`challenge ${c.challengeId}'s ${MODEL_TEST_FILE} columns differ from the model contract's features`);
  const run = await runModel(model, plan, test, limits);
  const stats: ModelStats = {
    operatorCount: plan.operatorCount,
    msPer1000: run.msPer1000,
    loadMs: run.loadMs,
    fullMs: run.fullMs,
    events: test.rows,
  };
  await recordModelStats(db, submissionId, stats);
  const bad = run.scores.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) {
    const count = run.scores.reduce((n, x) => n + (Number.isFinite(x) ? 0 : 1), 0);
    throw new ModelRunError(
      `The model returned ${run.scores[bad]} for ${count} of ${test.rows} test events (the first is EventId ${test.eventIds[bad]}); every score must be a finite number.`,
    );
  }
  if (c.latencyBudgetMs !== null && run.msPer1000 > c.latencyBudgetMs) {
    throw new ModelRunError(
      `The model takes ${run.msPer1000.toFixed(2)} ms per 1,000 events, over this challenge's latency budget of ${c.latencyBudgetMs} ms.`,
    );
  }
  return contract.submission(test.eventIds, run.scores, plan.threshold);
}
