/**
 * Baselines on the real HiggsML sample (../shared/data/higgsml-v2-first22889.csv.gz): for each of 5 seeded 60/40
 * train/test splits (test weights renormalised per class to the full totals), the cut-based selection, the tfjs
 * and XGBoost baselines and scikit-learn's HistGradientBoostingClassifier, each with the threshold chosen on its
 * validation set the same way. Prints mean ± std over the splits of the test AMS at that threshold, the best test
 * AMS over thresholds (with the same 50-background-event floor as the validation choice), the weighted ROC AUC, and
 * the training time; then the training time of each method on 250,000 simulated events.
 *   npx tsx bench/baseline.ts [--splits N] [--large N (0 = skip)]
 */
import { parseArgs } from "node:util";
import { simulateHiggs } from "../challenges/higgs-tautau/simulator/simulate";
import { trainTestSplit } from "../challenges/higgs-tautau/split";
import { amsAtThreshold, bestCut } from "../challenges/shared/baseline/validation-metrics";
import { initTfBackend } from "../lib/ml/tf-backend";
import { weightedRocAuc } from "../scoring/metrics/roc-auc";
import { availableMethods } from "./lib/baseline-methods";
import { loadRealHiggs, REAL_HIGGS_PATH } from "./lib/real-higgs";

const { values } = parseArgs({ options: { splits: { type: "string", default: "5" }, large: { type: "string", default: "250000" } } });
const splits = Number(values.splits);
const largeEvents = Number(values.large);

function meanStd(xs: number[]): string {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return `${mean.toFixed(3)} ± ${std.toFixed(3)}`;
}

const backend = await initTfBackend();
const { methods, notes } = availableMethods();
for (const note of notes) console.log(note);
console.log(`tfjs backend: ${backend}; ${splits} splits; ${methods.length} methods`);

const events = loadRealHiggs();
if (!events) {
  console.log(`Real-data comparison skipped: ${REAL_HIGGS_PATH} is absent.`);
} else {
  const results = new Map(
    methods.map((m) => [m.name, { testAms: [] as number[], bestAms: [] as number[], auc: [] as number[], seconds: [] as number[] }]),
  );
  for (let seed = 1; seed <= splits; seed++) {
    const { train, test } = trainTestSplit(events, { seed, testFraction: 0.4 });
    for (const method of methods) {
      const run = await method.run(train, test, seed);
      const r = results.get(method.name)!;
      r.testAms.push(amsAtThreshold(run.testScores, test.label, test.weight, run.threshold));
      r.bestAms.push(bestCut(run.testScores, test.label, test.weight).ams);
      r.auc.push(weightedRocAuc(Float64Array.from(run.testScores), test.label, test.weight));
      r.seconds.push(run.trainSeconds);
      console.log(
        `  split ${seed} ${method.name}: test AMS ${r.testAms.at(-1)!.toFixed(3)}, AUC ${r.auc.at(-1)!.toFixed(4)}, ${run.trainSeconds.toFixed(1)} s`,
      );
    }
  }
  console.log(`\nReal HiggsML sample, ${events.label.length} events, 60/40 splits, mean ± std over ${splits}:`);
  console.log(["method".padEnd(36), "test AMS".padEnd(16), "best AMS".padEnd(16), "weighted AUC".padEnd(18), "train s"].join(" "));
  for (const [name, r] of results) {
    console.log(
      [name.padEnd(36), meanStd(r.testAms).padEnd(16), meanStd(r.bestAms).padEnd(16), meanStd(r.auc).padEnd(18), meanStd(r.seconds)].join(
        " ",
      ),
    );
  }
}

if (largeEvents > 0) {
  const { train, test } = trainTestSplit(simulateHiggs({ seed: 2014, nEvents: largeEvents + 10_000 }), {
    seed: 2014,
    testFraction: 10_000 / (largeEvents + 10_000),
  });
  console.log(`\nTraining time on ${train.label.length} simulated events (2 cores shared; tfjs ${backend} uses one):`);
  for (const method of methods) {
    const run = await method.run(train, test, 1);
    const ams = amsAtThreshold(run.testScores, test.label, test.weight, run.threshold);
    console.log(
      `  ${method.name.padEnd(36)} ${run.trainSeconds.toFixed(0).padStart(5)} s (test AMS on 10,000 held-out events ${ams.toFixed(3)})`,
    );
  }
}
