/**
 * The scoring thread: parses and scores submissions off the site's event loop (a 550k-row file takes seconds of
 * CPU). It holds no database: the main thread sends each job's file and, the first time a dataset is seen, its
 * answer key, which the thread keeps (by key) for the next jobs on that dataset.
 */
import { parentPort } from "node:worker_threads";
import { gunzipSync } from "node:zlib";
import { kindOf, SubmissionIssuesError } from "@/challenges";
import { parseFeatureCsv } from "@/challenges/shared/feature-matrix";
import { GateFailedError, type MetricId, type Solution, solutionFromColumns, SubmissionFormatError } from "@/scoring";
import type { ScoringReply, ScoringRequest, ThreadError } from "./scoring-pool";

/** Datasets kept at once: a few challenges scored in turn; an older one is simply sent again. */
const KEPT = 4;
const datasets = new Map<string, Solution>();

function errorReply(err: unknown): ThreadError {
  if (err instanceof SubmissionFormatError) {
    return {
      type: "submission",
      problems: err.problems,
      totalProblems: err.totalProblems,
      ...(err instanceof GateFailedError ? { gates: [...err.outcomes] } : {}),
    };
  }
  if (err instanceof SubmissionIssuesError) return { type: "issues", issues: err.issues };
  return { type: "other", message: err instanceof Error ? err.message : String(err) };
}

async function score(req: Extract<ScoringRequest, { task: unknown }>): Promise<ScoringReply> {
  const file = req.file.gzipped ? gunzipSync(req.file.bytes) : Buffer.from(req.file.bytes);
  const kind = kindOf(req.task.kind);
  const metricId = req.task.metricId as MetricId;
  if (req.task.by === "simulation")
    return { id: req.id, result: await kind.score({ submission: file, metricId, secrets: req.task.secrets }) };
  const { key, bootstrap, seed, params, gates } = req.task;
  if (req.dataset) {
    datasets.delete(key);
    if (datasets.size >= KEPT) datasets.delete(datasets.keys().next().value!);
    const c = req.dataset.columns;
    const numbers = (chunks: string[]) => chunks.flatMap((chunk) => chunk.split(",").map(Number));
    const { target } = req.dataset;
    const labels = target.type === "real" ? Float64Array.from(numbers(c.labels)) : Uint8Array.from(numbers(c.labels));
    const gateColumns = c.origin && c.aux ? { origin: Int8Array.from(numbers(c.origin)), aux: Float64Array.from(numbers(c.aux)) } : {};
    const solution = solutionFromColumns({
      ids: numbers(c.ids),
      labels,
      weights: Float64Array.from(numbers(c.weights)),
      usage: Uint8Array.from(numbers(c.usage)),
      target,
      ...gateColumns,
    });
    datasets.set(key, solution);
  }
  const solution = datasets.get(key);
  if (!solution) return { id: req.id, missing: true };
  return { id: req.id, result: await kind.score({ solution, submission: file, metricId, params, gates, bootstrap, seed }) };
}

// Loaded: the pool's warm-up resolves on this.
parentPort!.postMessage({ id: 0, ready: true } satisfies ScoringReply);

/** A model's test features: parsed here and handed back without a copy (the buffers move to the main thread). */
function features(req: Extract<ScoringRequest, { features: unknown }>): void {
  const matrix = parseFeatureCsv(gunzipSync(req.features));
  parentPort!.postMessage({ id: req.id, matrix } satisfies ScoringReply, [
    matrix.eventIds.buffer as ArrayBuffer,
    matrix.data.buffer as ArrayBuffer,
  ]);
}

parentPort!.on("message", (req: ScoringRequest) => {
  const fail = (err: unknown) => parentPort!.postMessage({ id: req.id, error: errorReply(err) } satisfies ScoringReply);
  if ("features" in req) {
    try {
      features(req);
    } catch (err) {
      fail(err);
    }
    return;
  }
  score(req).then((reply) => parentPort!.postMessage(reply), fail);
});
