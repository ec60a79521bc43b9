/**
 * Registers a baseline's submission as a benchmark entry: a submission without a team (so it is never ranked),
 * its gzip file, and the benchmark_entry row with the model card, in one transaction; then the normal scoring path
 * (runScoringJob, the worker's own function) scores it, so its public score is as real as any competitor's. With
 * `model` (the baseline exported to ONNX) the entry is that model, scored as a model submission is: run on the
 * hidden test features, its latency and size recorded.
 */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { Db } from "@/db";
import { insertBenchmarkEntry } from "@/db/queries/benchmark-entries";
import { getSubmissionWithPublicScore } from "@/db/queries/submissions";
import { runScoringJob } from "@/lib/jobs/score-submission";

export interface RegisteredBenchmark {
  submissionId: number;
  status: string;
  /** Public-subset score; null when scoring failed (then `error` says why). */
  publicScore: number | null;
  error: string | null;
}

const gzipAsync = promisify(gzip);

export async function registerBenchmark(
  db: Db,
  p: {
    challengeId: number;
    name: string;
    filename: string;
    csv: string;
    model?: Uint8Array;
    modelCard: Record<string, unknown>;
    bootstrap: number;
  },
): Promise<RegisteredBenchmark> {
  const bytes = p.model ? Buffer.from(p.model) : Buffer.from(p.csv, "utf8");
  // On libuv's thread pool, not the site's thread (where the worker runs with the embedded database).
  const gz = await gzipAsync(bytes);
  const submissionId = await insertBenchmarkEntry(db, {
    challengeId: p.challengeId,
    name: p.name,
    filename: p.filename,
    format: p.model ? "model" : "predictions",
    sizeBytes: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    gz,
    modelCard: p.modelCard,
  });
  await runScoringJob(db, submissionId, { bootstrap: p.bootstrap });
  const scored = await getSubmissionWithPublicScore(db, submissionId);
  return {
    submissionId,
    status: scored?.submission.status ?? "missing",
    publicScore: scored?.publicScore ?? null,
    error: scored?.submission.error ?? null,
  };
}
