/**
 * The tabular baselines (lib/ml/tabular-training.ts) on the two tabular built-ins at full size, end to end from their
 * published train.csv and test.csv as the worker reads them: training time and the challenge's metric on every test
 * event for each family, beside trivial predictors (class priors; the training mean, the visible mass, the MMC mass).
 *   npx tsx bench/tabular-baselines.ts [--scale 1] [--seed 1] [--families xgboost,tfjs] [--epochs N]
 */
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import type { BuiltInChallenge } from "../challenges/built-in";
import { HIGGS_FEATURES } from "../challenges/higgs-tautau/schema";
import { massBuiltIn } from "../challenges/tabular/higgs-mass";
import { processesBuiltIn } from "../challenges/tabular/higgs-processes";
import { trainTabularEntries, type TabularFamilyChoice, type TrainedTabularEntry } from "../lib/ml/tabular-training";
import { logLoss } from "../scoring/metrics/log-loss";
import { massResolution } from "../scoring/metrics/mass-resolution";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    seed: { type: "string", default: "1" },
    families: { type: "string", default: "xgboost,tfjs" },
    epochs: { type: "string" },
  },
});
const scale = Number(values.scale);
const seed = Number(values.seed);
const epochs = values.epochs === undefined ? undefined : Number(values.epochs);

async function train(spec: BuiltInChallenge, family: TabularFamilyChoice) {
  const t0 = performance.now();
  const data = spec.generate(scale, 2026);
  const genSeconds = (performance.now() - t0) / 1000;
  // The chunks are generators, read once: keep the text.
  const text = (name: string) => [...data.files.find((f) => f.filename === name)!.chunks].join("");
  const trainCsv = text("train.csv");
  const testCsv = text("test.csv");
  const entries: TrainedTabularEntry[] = [];
  const started = performance.now();
  await trainTabularEntries(
    {
      challenge: spec.slug,
      train: gzipSync(trainCsv),
      test: gzipSync(testCsv),
      target: data.solution.target!,
      metricId: spec.metricId,
      family,
      seed,
      epochs,
    },
    { progress: () => undefined, log: () => undefined, entry: (e) => entries.push(e) },
  );
  return { data, testCsv, genSeconds, entry: entries[0]!, seconds: (performance.now() - started) / 1000 };
}

const fmt = (v: number) => v.toFixed(4);

async function processes(families: TabularFamilyChoice[]) {
  for (const family of families) {
    const { data, genSeconds, entry, seconds } = await train(processesBuiltIn, family);
    const target0 = data.solution.target;
    const k = target0?.type === "multiclass" ? target0.classes.length : 0;
    const target = data.solution.label;
    const score = (prediction: Float64Array) => logLoss({ type: "multiclass", target, prediction, classes: k, weights: null });
    if (family === families[0]) {
      // Class priors from the test labels themselves: the best constant answer, a lower bound for any prior from train.csv.
      const prior = new Float64Array(k);
      target.forEach((c) => (prior[c]! += 1 / target.length));
      console.log(
        `higgs-processes: ${data.files[0]!.rows} train, ${target.length} test events (generated in ${genSeconds.toFixed(1)} s); multi-class log-loss, lower is better`,
      );
      console.log(
        `  class priors (constant)       ${fmt(score(Float64Array.from({ length: target.length * k }, (_, i) => prior[i % k]!)))}`,
      );
      console.log(`  uniform 1/${k}                  ${fmt(Math.log(k))}`);
    }
    console.log(`  ${family.padEnd(28)}  ${fmt(score(entry.testPredictions))}   trained in ${seconds.toFixed(1)} s (${entry.name})`);
  }
}

async function mass(families: TabularFamilyChoice[]) {
  for (const family of families) {
    const { data, testCsv, genSeconds, entry, seconds } = await train(massBuiltIn, family);
    const target = data.solution.value!;
    const score = (prediction: Float64Array) => massResolution({ type: "real", target, prediction, classes: 0, weights: null });
    const show = (name: string, p: Float64Array) => {
      const r = score(p);
      console.log(`  ${name.padEnd(28)}  ${fmt(r.resolution)} (bias ${r.bias >= 0 ? "+" : ""}${r.bias.toFixed(3)})`);
    };
    if (family === families[0]) {
      console.log(
        `ditau-mass: ${data.files[0]!.rows} train, ${target.length} test events (generated in ${genSeconds.toFixed(1)} s); relative resolution σ((ŷ − y)/y), lower is better`,
      );
      // The test features, read back from test.csv: EventId then the 30 features.
      const rows = testCsv
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(",").map(Number));
      const column = (name: string) =>
        Float64Array.from(rows, (r) => r[1 + HIGGS_FEATURES.indexOf(name as (typeof HIGGS_FEATURES)[number])]!);
      const mean = target.reduce((a, b) => a + b, 0) / target.length;
      show("constant (test mean)", new Float64Array(target.length).fill(mean));
      show("visible mass DER_mass_vis", column("DER_mass_vis"));
      const mmc = column("DER_mass_MMC");
      const defined = mmc.filter((v) => v !== -999);
      const mmcMean = defined.reduce((a, b) => a + b, 0) / defined.length;
      show(
        `MMC mass (−999 → mean; ${target.length - defined.length} undefined)`,
        mmc.map((v) => (v === -999 ? mmcMean : v)),
      );
    }
    const r = score(entry.testPredictions);
    console.log(
      `  ${family.padEnd(28)}  ${fmt(r.resolution)} (bias ${r.bias >= 0 ? "+" : ""}${r.bias.toFixed(3)})   trained in ${seconds.toFixed(1)} s (${entry.name})`,
    );
  }
}

const families = values.families.split(",") as TabularFamilyChoice[];
await processes(families);
await mass(families);
