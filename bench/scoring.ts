/**
 * Scoring benchmark (npm run bench:scoring): a seeded 550,000-event HiggsML solution and submissions on disk,
 * scored end to end (read the file in 1 MB chunks as the CLI does, parse, validate, Public + Private metric) with the solution already loaded,
 * as the server does. Each metric runs in a child process (bench/scoring-worker.ts) so its peak RSS is the scorer's alone.
 * The same files are scored by an independent numpy reference (bench/scoring-reference.py) for the ratio.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { MetricId } from "../scoring/index";
import { findNumpyPython } from "./python-numpy";
import type { WorkerReport } from "./scoring-worker";
import { writeBenchFiles } from "./scoring-data";

const EVENTS = 550_000;
const WARMUP = 3;
/**
 * The TypeScript worker and the numpy reference take turns, ROUNDS times, so that both see the same spells of a
 * shared machine's speed (on these VMs it drifts by 2× within minutes); medians are over all rounds' runs.
 */
const ROUNDS = 5;
const RUNS_PER_ROUND = 4;
const REFERENCE_RUNS_PER_ROUND = 3;
const here = fileURLToPath(new URL(".", import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * The worker runs bundled by esbuild under plain node, as the server runs the library (Next bundles it): under tsx
 * its loader thread alone adds about 50 MB to the process's RSS, which is tooling, not the scorer.
 */
async function bundleWorker(dir: string): Promise<string> {
  const outfile = join(dir, "scoring-worker.mjs");
  await build({
    entryPoints: [join(here, "scoring-worker.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    logLevel: "error",
  });
  return outfile;
}

function runWorker(workerPath: string, metricId: MetricId, solution: string, submission: string, runtime: string[] = []): WorkerReport {
  const child = spawnSync(
    process.execPath,
    [...runtime, workerPath, metricId, solution, submission, String(WARMUP), String(RUNS_PER_ROUND)],
    {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    },
  );
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
  const child = spawnSync(python, [join(here, "scoring-reference.py"), metricId, solution, submission, String(REFERENCE_RUNS_PER_ROUND)], {
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`numpy reference failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as ReferenceReport;
}

async function main(): Promise<void> {
  const dir = join(tmpdir(), "collider-arena-bench-scoring");
  mkdirSync(dir, { recursive: true });
  const files = await writeBenchFiles(dir, EVENTS, 20140512);
  const workerPath = await bundleWorker(dir);
  console.log(`files (seeded, ${EVENTS} events) in ${dir}`);
  const python = findNumpyPython();
  if (!python) console.log("numpy reference SKIPPED: no python3 with numpy found (tried python3, /usr/bin/python3)");
  const cases: [MetricId & ("ams" | "auc"), string, string][] = [
    ["ams", files.higgs, "EventId,RankOrder,Class → AMS (+ Public AMS curve)"],
    ["auc", files.scores, "EventId,score → weighted ROC AUC (+ ε_S, SIC)"],
  ];
  for (const [metricId, submission, what] of cases) {
    const rounds: WorkerReport[] = [];
    const references: ReferenceReport[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      rounds.push(runWorker(workerPath, metricId, files.solution, submission));
      if (python) references.push(runReference(python, metricId, files.solution, submission));
    }
    const runsMs = rounds.flatMap((r) => r.runsMs);
    const peakRssMB = Math.max(...rounds.map((r) => r.peakRssMB));
    const ms = median(runsMs);
    console.log(`\n== ${metricId}: ${what}`);
    console.log(
      `  TypeScript: median ${ms.toFixed(1)} ms per scoring over ${runsMs.length} runs (${ROUNDS} processes, ${WARMUP} warm-up runs each; min ${Math.min(...runsMs).toFixed(1)}, max ${Math.max(...runsMs).toFixed(1)})`,
    );
    const underTsx = runWorker(join(here, "scoring-worker.ts"), metricId, files.solution, submission, ["--import", "tsx"]);
    console.log(
      `  TypeScript: peak RSS ${peakRssMB.toFixed(0)} MB (whole process, solution loaded, bundled under plain node); solution parse ${rounds[0]!.solutionMs.toFixed(0)} ms`,
    );
    console.log(
      `  (the same worker under tsx, for comparison: peak RSS ${underTsx.peakRssMB.toFixed(0)} MB, median ${median(underTsx.runsMs).toFixed(1)} ms)`,
    );
    console.log(`  goals: ≤150 ms → ${ms <= 150 ? "met" : "NOT met"}; peak RSS ≤200 MB → ${peakRssMB <= 200 ? "met" : "NOT met"}`);
    if (!python) continue;
    const refSeconds = references.flatMap((r) => r.seconds);
    const refMs = median(refSeconds) * 1000;
    const key = metricId === "ams" ? "ams" : "auc";
    const result = rounds[0]!.result;
    const ref = references[0]!;
    const diff = Math.max(
      ...(["Public", "Private"] as const).map((s) => Math.abs((result[s]![key] as number) - ref[s][key]!) / Math.abs(ref[s][key]!)),
    );
    console.log(
      `  numpy reference: median ${refMs.toFixed(1)} ms per scoring over ${refSeconds.length} runs; solution load ${(ref.solution_seconds * 1000).toFixed(0)} ms`,
    );
    console.log(
      `  speed-up vs numpy: ${(refMs / ms).toFixed(2)}× (goal ≥5× → ${refMs / ms >= 5 ? "met" : "NOT met"}); max relative difference of ${key}: ${diff.toExponential(2)}`,
    );
    // Per round, as a check that the ratio is not an artefact of one slow spell on either side.
    const perRound = rounds.map((r, k) => (median(references[k]!.seconds) * 1000) / median(r.runsMs));
    console.log(`  speed-up per round: ${perRound.map((x) => `${x.toFixed(2)}×`).join(", ")}`);
  }
}

await main();
