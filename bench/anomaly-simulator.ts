/**
 * The anomaly-detection simulator: speed (1,000,000 events, goal < 20 s) and fidelity (mean and quantiles of every
 * feature, simulated vs the real LHC Olympics 2020 R&D signal-region events, background and signal separately, in
 * the same 3.3–3.7 TeV window). The real files are read from ../shared/data/ and the comparison is skipped with a
 * message where they are absent.
 * Usage: npx tsx bench/anomaly-simulator.ts [--events N]
 */
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { parseLhcoCsv } from "../challenges/anomaly-detection/importer/lhco-csv";
import { ANOMALY_FEATURES, type AnomalyEvents, countSignal, selectAnomalyEvents } from "../challenges/anomaly-detection/schema";
import { DEFAULT_ANOMALY_PARAMS, SIGNAL_REGION } from "../challenges/anomaly-detection/simulator/params";
import { simulateAnomaly } from "../challenges/anomaly-detection/simulator/simulate";
import { SHARED_DATA_DIR } from "../lib/shared-data";

const arg = process.argv.indexOf("--events");
const nEvents = arg > 0 ? Number(process.argv[arg + 1]) : 1_000_000;
const DATA = SHARED_DATA_DIR;
const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95];

simulateAnomaly({ seed: 1, nEvents: 20_000, signalFraction: 0.01 }); // warm-up so the JIT has compiled the hot loop
const start = performance.now();
const { events } = simulateAnomaly({ seed: 2020, nEvents, signalFraction: 0.005 });
const seconds = (performance.now() - start) / 1000;
console.log(`simulateAnomaly: ${nEvents.toLocaleString("en")} events (${countSignal(events)} signal) in ${seconds.toFixed(2)} s`);
const budget = (seconds / 20) * (1_000_000 / nEvents);
console.log(
  `throughput: ${Math.round(nEvents / seconds).toLocaleString("en")} events/s (goal: 1,000,000 in < 20 s -> ${budget.toFixed(3)} of budget)`,
);

async function readReal(name: string): Promise<AnomalyEvents> {
  const lines = createInterface({ input: createReadStream(path.join(DATA, name)).pipe(createGunzip()), crlfDelay: Infinity });
  return parseLhcoCsv(lines, { fileName: name });
}

function withLabel(events: AnomalyEvents, label: number): AnomalyEvents {
  const rows: number[] = [];
  events.label.forEach((l, i) => l === label && rows.push(i));
  return selectAnomalyEvents(events, rows);
}

function summary(column: Float64Array): string {
  const sorted = Float64Array.from(column).sort();
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const q = QUANTILES.map((p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!);
  const digits = Math.abs(mean) > 10 ? 1 : 3;
  return [mean, ...q].map((x) => x.toFixed(digits).padStart(8)).join(" ");
}

function compare(title: string, real: AnomalyEvents, simulated: AnomalyEvents): void {
  console.log(
    `\n${title}: real ${real.label.length.toLocaleString("en")} vs simulated ${simulated.label.length.toLocaleString("en")} events`,
  );
  console.log(
    `${"feature".padEnd(9)} ${"".padEnd(4)} ${["mean", ...QUANTILES.map((p) => `q${p * 100}`)].map((h) => h.padStart(8)).join(" ")}`,
  );
  ANOMALY_FEATURES.forEach((name, f) => {
    console.log(`${name.padEnd(9)} real ${summary(real.features[f]!)}`);
    console.log(`${"".padEnd(9)} sim  ${summary(simulated.features[f]!)}`);
  });
}

const files = ["lhco2020-rnd-sr-train.csv.gz", "lhco2020-rnd-sr-extrasig.csv.gz"];
if (!files.every((f) => existsSync(path.join(DATA, f)))) {
  console.log(`\nfidelity comparison skipped: LHCO 2020 R&D files not found in ${DATA}`);
} else {
  const [train, extrasig] = await Promise.all(files.map(readReal));
  const params = { ...DEFAULT_ANOMALY_PARAMS, mjjRange: SIGNAL_REGION };
  const background = simulateAnomaly({ seed: 7, nEvents: 200_000, signalFraction: 0, params }).events;
  const signal = simulateAnomaly({ seed: 8, nEvents: 100_000, signalFraction: 1, params }).events;
  compare("Background (LHCO train, label 0) in 3.3-3.7 TeV, GeV", withLabel(train!, 0), background);
  compare("Signal (LHCO extrasig) in 3.3-3.7 TeV, GeV", extrasig!, signal);
}
