/**
 * Metric benchmark (npm run bench:metrics): every metric of the registry on 1,000,000 seeded events (bench/metric-cases:
 * ties, uneven weights), timed as the leaderboard runs it: the value (compute) and the bootstrap ± (the descriptor's
 * resample layout + SCORING_BOOTSTRAP's default 200 Poisson resamples). The same arrays, written raw, are scored by
 * scikit-learn (bench/sklearn-reference.py) for the ratio and the agreement. Medians of RUNS runs each.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bootstrapStd } from "../scoring/metrics/bootstrap";
import { validateMetricParams } from "../scoring/metric-descriptor";
import { metricDescriptors } from "../scoring/registry";
import { caseData, metricCases, type MetricCase } from "./metric-cases";
import { findPythonWith } from "./python-numpy";

const EVENTS = 1_000_000;
const RESAMPLES = 200;
const RUNS = 3;
const here = fileURLToPath(new URL(".", import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The value, wall ms and CPU ms (user + system): on a shared machine CPU time is what the work cost, wall time what it waited too. */
function timed<T>(f: () => T): [T, number, number] {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = f();
  const cpu = process.cpuUsage(c0);
  return [value, performance.now() - t0, (cpu.user + cpu.system) / 1000];
}

/** Each distinct array once as raw float64, for numpy's fromfile. */
function rawFiles(dir: string, cases: MetricCase[]): object[] {
  const files = new Map<number[], { file: string }>();
  const fileOf = (values: number[] | null) => {
    if (values === null) return null;
    let entry = files.get(values);
    if (!entry) {
      entry = { file: join(dir, `array-${files.size}.f64`) };
      writeFileSync(entry.file, new Uint8Array(Float64Array.from(values).buffer));
      files.set(values, entry);
    }
    return entry;
  };
  return cases.map((c) => ({ ...c, target: fileOf(c.target), prediction: fileOf(c.prediction), weights: fileOf(c.weights) }));
}

interface Reference {
  value: number;
  seconds: number[];
}

function main(): void {
  const dir = join(tmpdir(), "collider-arena-bench-metrics");
  mkdirSync(dir, { recursive: true });
  // The weighted half of the cases: weights make every metric do its most work.
  const cases = metricCases(EVENTS, 20261204).filter((c) => c.weights !== null);
  const python = findPythonWith("sklearn");
  let reference: Reference[] | null = null;
  if (python) {
    const listPath = join(dir, "cases.json");
    writeFileSync(listPath, JSON.stringify(rawFiles(dir, cases)));
    const run = spawnSync(python, [join(here, "sklearn-reference.py"), listPath, String(RUNS)], { encoding: "utf8", maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(`sklearn reference failed: ${run.stderr}`);
    reference = JSON.parse(run.stdout) as Reference[];
  } else console.log("scikit-learn reference SKIPPED: no python3 with sklearn found (tried python3, /usr/bin/python3)");

  console.log(`${EVENTS.toLocaleString("en-US")} weighted events per metric; bootstrap ${RESAMPLES} resamples; medians of ${RUNS} runs`);
  console.log(
    "metric                          target      value            value ms  ±(bootstrap) ms  total ms  (CPU ms)  sklearn ms  sklearn/ours  |rel diff|",
  );
  let slowest = 0;
  let slowestCpu = 0;
  cases.forEach((c, k) => {
    const descriptor = metricDescriptors.find((m) => m.id === c.metric)!;
    const params = validateMetricParams(descriptor, c.params);
    const computeRuns: number[] = [];
    const stdRuns: number[] = [];
    const cpuRuns: number[] = [];
    let value = NaN;
    let std = NaN;
    for (let r = 0; r < RUNS; r++) {
      // Fresh arrays each run, as each scoring gathers its own: a ranking kept for the data must not carry over.
      const data = caseData(c);
      let ms: number;
      let cpuCompute: number;
      let cpuStd: number;
      [value, ms, cpuCompute] = timed(() => descriptor.compute!(data, params));
      computeRuns.push(ms);
      [std, ms, cpuStd] = timed(() => {
        const { events, metric } = descriptor.resample!(data, params);
        return bootstrapStd(events, metric, { resamples: RESAMPLES, seed: r });
      });
      stdRuns.push(ms);
      cpuRuns.push(cpuCompute + cpuStd);
    }
    const [computeMs, stdMs, cpuMs] = [median(computeRuns), median(stdRuns), median(cpuRuns)];
    slowest = Math.max(slowest, computeMs + stdMs);
    slowestCpu = Math.max(slowestCpu, cpuMs);
    const ref = reference?.[k];
    const sklearnMs = ref ? median(ref.seconds) * 1000 : NaN;
    const diff = ref ? Math.abs(value - ref.value) / Math.abs(ref.value) : NaN;
    const name = `${c.metric}${Object.keys(c.params).length ? ` ${JSON.stringify(c.params)}` : ""}`;
    console.log(
      `${name.padEnd(31)} ${c.type.padEnd(11)} ${`${value.toPrecision(8)} ± ${std.toPrecision(2)}`.padEnd(16)} ${computeMs.toFixed(1).padStart(8)}  ${stdMs.toFixed(1).padStart(15)}  ${(computeMs + stdMs).toFixed(1).padStart(8)}  ${`(${cpuMs.toFixed(0)})`.padStart(8)}  ${sklearnMs.toFixed(1).padStart(10)}  ${(sklearnMs / computeMs).toFixed(2).padStart(12)}  ${diff.toExponential(1).padStart(9)}`,
    );
  });
  console.log(
    `slowest metric with its bootstrap: ${slowest.toFixed(0)} ms wall, ${slowestCpu.toFixed(0)} ms CPU, for ${EVENTS.toLocaleString("en-US")} events`,
  );
}

main();
