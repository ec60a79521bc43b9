/**
 * One metric's scoring runs for bench/scoring.ts, in a process of its own so that its peak RSS is the scorer's:
 * usage: scoring-worker METRIC SOLUTION SUBMISSION WARMUP RUNS; prints a WorkerReport as JSON.
 */
import { fileChunks } from "../lib/file-chunks";
import { parseSolution, scoreSubmission, type MetricId } from "../scoring/index";

export interface WorkerReport {
  solutionMs: number;
  runsMs: number[];
  peakRssMB: number;
  result: Record<string, Record<string, unknown>>;
}

async function worker(metricId: MetricId, solutionPath: string, submissionPath: string, warmup: number, runs: number): Promise<void> {
  let t = performance.now();
  const solution = await parseSolution(fileChunks(solutionPath));
  const solutionMs = performance.now() - t;
  const runsMs: number[] = [];
  let result = {};
  for (let r = 0; r < warmup + runs; r++) {
    t = performance.now();
    result = await scoreSubmission({ solution, submission: fileChunks(submissionPath), metricId });
    if (r >= warmup) runsMs.push(performance.now() - t);
  }
  const report: WorkerReport = { solutionMs, runsMs, peakRssMB: process.resourceUsage().maxRSS / 1024, result };
  process.stdout.write(JSON.stringify(report));
}

const [metricId, solution, submission, warmup, runs] = process.argv.slice(2);
await worker(metricId as MetricId, solution!, submission!, Number(warmup), Number(runs));
