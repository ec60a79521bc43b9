/**
 * Scoring benchmark (npm run bench:scoring): a seeded 550,000-event HiggsML solution and submissions on disk,
 * scored end to end (read file stream, parse, validate, Public + Private metric) with the solution already loaded,
 * as the server does. Each metric runs in a child process so its peak RSS is the scorer's alone.
 * The same files are scored by an independent numpy reference (bench/scoring-reference.py) for the ratio.
 */
import { spawnSync } from "node:child_process";
import { createReadStream, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseSolution, scoreSubmission, type MetricId } from "../scoring/index";
import { findNumpyPython } from "./python-numpy";
import { writeBenchFiles } from "./scoring-data";

const EVENTS = 550_000;
const WARMUP = 3;
const RUNS = 9;
const here = fileURLToPath(new URL(".", import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface WorkerReport {
  solutionMs: number;
  runsMs: number[];
  peakRssMB: number;
  result: Record<string, Record<string, unknown>>;
}

async function worker(metricId: MetricId, solutionPath: string, submissionPath: string): Promise<void> {
  let t = performance.now();
  const solution = await parseSolution(createReadStream(solutionPath, { highWaterMark: 1 << 20 }));
  const solutionMs = performance.now() - t;
  const runsMs: number[] = [];
  let result = {};
  for (let r = 0; r < WARMUP + RUNS; r++) {
    t = performance.now();
    result = await scoreSubmission({ solution, submission: createReadStream(submissionPath, { highWaterMark: 1 << 20 }), metricId });
    if (r >= WARMUP) runsMs.push(performance.now() - t);
  }
  const report: WorkerReport = { solutionMs, runsMs, peakRssMB: process.resourceUsage().maxRSS / 1024, result };
  process.stdout.write(JSON.stringify(report));
}

function runWorker(metricId: MetricId, solution: string, submission: string): WorkerReport {
  const child = spawnSync(process.execPath, ["--import", "tsx", join(here, "scoring.ts"), "--worker", metricId, solution, submission], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (child.status !== 0) throw new Error(`worker failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as WorkerReport;
}

interface ReferenceReport {
  Public: Record<string, number>;
  Private: Record<string, number>;
  solution_seconds: number;
  seconds: number[];
}

function runReference(python: string, metricId: "ams" | "auc", solution: string, submission: string): ReferenceReport {
  const child = spawnSync(python, [join(here, "scoring-reference.py"), metricId, solution, submission, "5"], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`numpy reference failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as ReferenceReport;
}

async function main(): Promise<void> {
  const dir = join(tmpdir(), "collider-arena-bench-scoring");
  mkdirSync(dir, { recursive: true });
  const files = await writeBenchFiles(dir, EVENTS, 20140512);
  console.log(`files (seeded, ${EVENTS} events) in ${dir}`);
  const python = findNumpyPython();
  if (!python) console.log("numpy reference SKIPPED: no python3 with numpy found (tried python3, /usr/bin/python3)");
  const cases: [MetricId & ("ams" | "auc"), string, string][] = [
    ["ams", files.higgs, "EventId,RankOrder,Class → AMS (+ Public AMS curve)"],
    ["auc", files.scores, "EventId,score → weighted ROC AUC (+ ε_S, SIC)"],
  ];
  for (const [metricId, submission, what] of cases) {
    const ts = runWorker(metricId, files.solution, submission);
    const ms = median(ts.runsMs);
    console.log(`\n== ${metricId}: ${what}`);
    console.log(`  TypeScript: median ${ms.toFixed(1)} ms per scoring over ${RUNS} runs after ${WARMUP} warm-up (min ${Math.min(...ts.runsMs).toFixed(1)}, max ${Math.max(...ts.runsMs).toFixed(1)})`);
    console.log(`  TypeScript: peak RSS ${ts.peakRssMB.toFixed(0)} MB (whole process, solution loaded); solution parse ${ts.solutionMs.toFixed(0)} ms`);
    console.log(`  goals: ≤150 ms → ${ms <= 150 ? "met" : "NOT met"}; peak RSS ≤200 MB → ${ts.peakRssMB <= 200 ? "met" : "NOT met"}`);
    if (!python) continue;
    const ref = runReference(python, metricId, files.solution, submission);
    const refMs = median(ref.seconds) * 1000;
    const key = metricId === "ams" ? "ams" : "auc";
    const diff = Math.max(
      ...(["Public", "Private"] as const).map((s) => Math.abs((ts.result[s]![key] as number) - ref[s][key]!) / Math.abs(ref[s][key]!)),
    );
    console.log(`  numpy reference: median ${refMs.toFixed(1)} ms per scoring over ${ref.seconds.length} runs; solution load ${(ref.solution_seconds * 1000).toFixed(0)} ms`);
    console.log(`  speed-up vs numpy: ${(refMs / ms).toFixed(2)}× (goal ≥5× → ${refMs / ms >= 5 ? "met" : "NOT met"}); max relative difference of ${key}: ${diff.toExponential(2)}`);
  }
}

const args = process.argv.slice(2);
if (args[0] === "--worker") await worker(args[1] as MetricId, args[2]!, args[3]!);
else await main();
