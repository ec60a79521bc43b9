/**
 * The anomaly-detection baselines (autoencoder, CWoLa) measured end to end: on simulated Track A data
 * (generateAnomalyDataset, read back through the published train.csv / test.csv as the command-line trainer reads
 * them) and on the real LHC Olympics 2020 R&D signal-region files in ../shared/data (skipped when absent).
 * Prints per method: test ROC AUC, max SIC (cuts keeping ≥ 25 background events), ε_S at ε_B = 1e-2 and 1e-3,
 * the mass-sculpting statistic on background-only events and the training time.
 *   npx tsx bench/anomaly-baselines.ts [--seed N] [--epochs N] [--sim-test N] [--skip-real] [--skip-sim]
 */
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createGunzip } from "node:zlib";
import {
  type AnomalyEvents,
  FEATURE,
  gateBins,
  generateAnomalyDataset,
  linesOf,
  massSculpting,
  parseLhcoCsv,
  USAGE_CONTROL,
} from "../challenges/anomaly-detection";
import { trainAutoencoder } from "../challenges/anomaly-detection/baseline/autoencoder";
import { readChallengeFile } from "../challenges/anomaly-detection/baseline/challenge-files";
import { referenceGroups, trainCwola } from "../challenges/anomaly-detection/baseline/cwola";
import { ANOMALY_METHODS, runAnomalyMethod } from "../challenges/anomaly-detection/baseline/methods";
import { selectAnomalyEvents } from "../challenges/anomaly-detection/schema";
import { initTfBackend } from "../lib/ml/tf-backend";
import { SHARED_DATA_DIR } from "../lib/shared-data";
import { maxSic, signalEfficiencyAtBackground, weightedRocAuc } from "../scoring";

const DATA = SHARED_DATA_DIR;
const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    epochs: { type: "string" },
    "sim-test": { type: "string", default: "100000" },
    "skip-real": { type: "boolean", default: false },
    "skip-sim": { type: "boolean", default: false },
  },
});
const seed = Number(values.seed);
const epochs = values.epochs === undefined ? undefined : Number(values.epochs);

interface Row {
  method: string;
  auc: number;
  sic: number;
  sicCut: string;
  eff1e2: number;
  eff1e3: number;
  sculpting: number;
  seconds: number;
}

/** Metrics of `scores` against `label`; the gate statistic on the background-only `control` (scores, mjj). */
function measure(
  method: string,
  scores: Float64Array,
  label: Uint8Array,
  control: { scores: Float64Array; mjj: Float64Array },
  seconds: number,
): Row {
  const sic = maxSic(scores, label, null);
  return {
    method,
    auc: weightedRocAuc(scores, label, null),
    sic: sic.sic,
    sicCut: `ε_S ${sic.epsS.toFixed(3)}, ε_B ${sic.epsB.toExponential(1)}`,
    eff1e2: signalEfficiencyAtBackground(scores, label, null, 1e-2),
    eff1e3: signalEfficiencyAtBackground(scores, label, null, 1e-3),
    sculpting: massSculpting(control.scores, control.mjj, { bins: gateBins(control.mjj.length) }).statistic,
    seconds,
  };
}

function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log("method                  AUC     max SIC (at cut)                     ε_S@1e-2  ε_S@1e-3  sculpting  train s");
  for (const r of rows) {
    console.log(
      `${r.method.padEnd(22)}  ${r.auc.toFixed(4)}  ${r.sic.toFixed(2).padStart(6)} (${r.sicCut.padEnd(26)})  ${r.eff1e2.toFixed(4).padStart(8)}  ${r.eff1e3.toFixed(4).padStart(8)}  ${r.sculpting.toExponential(2).padStart(9)}  ${r.seconds.toFixed(1).padStart(7)}`,
    );
  }
}

const bytesOf = (chunks: Iterable<string>) => new TextEncoder().encode([...chunks].join(""));

async function simulated(): Promise<void> {
  const testEvents = Number(values["sim-test"]);
  const data = generateAnomalyDataset({ seed: 20_251, trainEvents: testEvents, testEvents, controlEvents: 20_000, signalFraction: 0.005 });
  const file = (name: string) => data.files.find((f) => f.filename === name)!.chunks;
  const train = await readChallengeFile(bytesOf(file("train.csv")), "train.csv", false);
  const test = await readChallengeFile(bytesOf(file("test.csv")), "test.csv", true);
  const { usage, label } = data.solution;
  const scored = Uint8Array.from(usage, (u) => (u === USAGE_CONTROL ? 0 : 1));
  const rows: Row[] = [];
  for (const method of ANOMALY_METHODS) {
    const { scores, card } = await runAnomalyMethod(method, { train: train.events, test: test.events }, { seed, epochs });
    const control = usage.map((u) => (u === USAGE_CONTROL ? 1 : 0));
    const pick = (values: Float64Array, mask: Uint8Array) => values.filter((_, i) => mask[i] === 1);
    const row = measure(
      `${method} (${card.mode})`,
      pick(scores, scored),
      label.filter((_, i) => scored[i] === 1),
      {
        scores: pick(scores, control),
        mjj: pick(test.events.features[FEATURE.mjj]!, control),
      },
      card.trainingSeconds,
    );
    rows.push(row);
  }
  printTable(
    `Simulated Track A (seed 20251): ${train.events.label.length} background training events; ${scored.filter((s) => s === 1).length} test events with ${data.manifest.signalEvents} signal; gate on ${usage.filter((u) => u === USAGE_CONTROL).length} control events`,
    rows,
  );
}

async function readLhco(name: string): Promise<AnomalyEvents> {
  const stream = createReadStream(path.join(DATA, name)).pipe(createGunzip());
  stream.setEncoding("utf8");
  return parseLhcoCsv(linesOf(stream as AsyncIterable<string>), { fileName: name });
}

const indicesWhere = (label: Uint8Array, value: number) => Int32Array.from(label.keys()).filter((i) => label[i] === value);

async function real(): Promise<void> {
  const files = ["lhco2020-rnd-sr-train.csv.gz", "lhco2020-rnd-sr-val.csv.gz", "lhco2020-rnd-sr-test.csv.gz"];
  const missing = files.filter((f) => !existsSync(path.join(DATA, f)));
  if (missing.length > 0) {
    console.log(`\nLHC Olympics 2020 R&D: skipped, ${missing.join(", ")} not found in ${DATA}`);
    return;
  }
  const [train, val, test] = await Promise.all(files.map(readLhco));
  const testBackground = indicesWhere(test!.label, 0);
  const controlOf = (scores: Float64Array) => ({
    scores: Float64Array.from(testBackground, (i) => scores[i]!),
    mjj: Float64Array.from(testBackground, (i) => test!.features[FEATURE.mjj]![i]!),
  });
  const rows: Row[] = [];

  // Track A: the autoencoder learns the training file's background (its 395 signal events dropped, as on the site).
  let t0 = performance.now();
  const ae = await trainAutoencoder(selectAnomalyEvents(train!, indicesWhere(train!.label, 0)), { seed, epochs });
  const aeSeconds = (performance.now() - t0) / 1000;
  const aeScores = ae.score(test!);
  ae.dispose();
  rows.push(measure(`autoencoder (best ep ${ae.bestEpoch})`, aeScores, test!.label, controlOf(aeScores), aeSeconds));

  // CWoLa: the files hold the signal region only (no side bands), so the weakly supervised pair is the training
  // file as data (395 signal in 60,000, unlabelled) against the validation file's background as a perfect
  // background reference (the idealised CWoLa); the fold models' mean then scores the test file.
  t0 = performance.now();
  const { events, group } = referenceGroups(train!, selectAnomalyEvents(val!, indicesWhere(val!.label, 0)));
  const cwola = await trainCwola(events, group, { seed, epochs });
  const cwolaSeconds = (performance.now() - t0) / 1000;
  const cwolaScores = cwola.predict(test!);
  const oofAuc = weightedRocAuc(cwola.scores.slice(0, train!.label.length), train!.label, null);
  const bestEpochs = cwola.bestEpochs.join(",");
  cwola.dispose();
  rows.push(measure(`cwola (reference)`, cwolaScores, test!.label, controlOf(cwolaScores), cwolaSeconds));
  printTable(
    `LHC Olympics 2020 R&D (SR 3.3–3.7 TeV): autoencoder trained on ${indicesWhere(train!.label, 0).length} train-file background events; ` +
      `CWoLa train file (${train!.label.filter((l) => l === 1).length} signal, unlabelled) vs ${indicesWhere(val!.label, 0).length} val-file background events, ` +
      `5 folds (best epochs ${bestEpochs}); scored on the test file (${test!.label.filter((l) => l === 1).length} signal, ${testBackground.length} background; sculpting on its background)`,
    rows,
  );
  console.log(`CWoLa out-of-fold AUC on the training file's own labels (signal vs background): ${oofAuc.toFixed(4)}`);
}

console.log(`tfjs backend: ${await initTfBackend()}; seed ${seed}${epochs === undefined ? "" : `; at most ${epochs} epochs`}`);
if (!values["skip-sim"]) await simulated();
if (!values["skip-real"]) await real();
