import type { RegisteredBenchmark } from "../../lib/ml/benchmark-entry";

/** Prints what became of a registered benchmark entry; false when it was not scored (the command then exits 1). */
export function reportBenchmark(r: RegisteredBenchmark | null): boolean {
  if (!r) return true;
  const { submissionId, status, publicScore, error } = r;
  if (status === "scored") {
    console.log(`  benchmark entry registered (submission ${submissionId}): public score ${publicScore?.toFixed(4)}`);
    return true;
  }
  console.error(`  benchmark submission ${submissionId} was not scored (${status}): ${error ?? "unknown error"}`);
  return false;
}
