import type { BuiltInChallenge, GeneratedDataset } from "../built-in";
import { higgsDescription } from "./description";
import { higgsDatasetFiles } from "./importer/higgs-import";
import { type HiggsEvents, selectEvents } from "./schema";
import { DEFAULT_SIMULATOR_CONFIG } from "./simulator/config";
import { simulateHiggs } from "./simulator/simulate";
import { isShifted, normFactor, resolveSystematics, shiftEvents, shiftsShapes, type Systematics } from "./simulator/systematics";
import { splitTestSet, type TestSplit, trainTestSplit } from "./split";
import { describeSeed, Random, type Seed, seedSecrets } from "../shared/random";

/** Kaggle's sizes: 250,000 training and 550,000 test events. */
const TRAIN_EVENTS = 250_000;
const TEST_EVENTS = 550_000;
const DAY_MS = 86_400_000;

/** Stream of the soft-MET noise of a shifted test set, apart from the nominal sample's streams. */
const SHIFTED_TEST_STREAM = 0x5b1f7;

/**
 * The nominal test part under systematic shifts, as FAIR-Universe builds pseudo-experiments from the same nominal
 * events: each event keeps its id, label, leaderboard subset and nominal leaderboard weight; the shape knobs rescale
 * its tau and jet momenta and recompute its DER_* features (shiftEvents), and an event the shift moves out of the
 * selection drops out; the normalisation knobs multiply the background weights by process. Nothing is renormalised
 * afterwards, so a yield the shift moves (events lost, a background scaled) reaches the AMS, and the difference
 * between nominal and shifted scores is the systematic effect alone, not the sampling noise of another draw.
 */
function shiftedTest(seed: Seed, nominalTest: HiggsEvents, nominalSplit: TestSplit, systematics: Systematics) {
  const all = Int32Array.from({ length: nominalTest.label.length }, (_, i) => i);
  const shifted = selectEvents(nominalTest, all);
  const kept = shiftsShapes(systematics)
    ? shiftEvents(shifted, systematics, new Random(seed).fork(SHIFTED_TEST_STREAM), DEFAULT_SIMULATOR_CONFIG.mmc)
    : all;
  const process = nominalTest.process as Uint8Array;
  const split: TestSplit = {
    usage: Uint8Array.from(kept, (i) => nominalSplit.usage[i] as number),
    weight: Float64Array.from(kept, (i) => (nominalSplit.weight[i] as number) * normFactor(process[i] as number, systematics)),
  };
  return { test: selectEvents(shifted, kept), split, dropped: all.length - kept.length };
}

/**
 * Simulates one sample, splits it into training and test parts, and splits the
 * test part into the Public (18%) and Private leaderboard subsets. Each part
 * and subset has its weights renormalised to the full class totals, as Kaggle did.
 * With `testSystematics` away from nominal (a robustness challenge: train on nominal data, be scored on shifted
 * data), the training part is the nominal one and the test part is its events shifted (shiftedTest); the knob
 * values stay in the server-only secrets.
 */
export function generateHiggsDataset(opts: {
  seed: Seed;
  trainEvents: number;
  testEvents: number;
  publicFraction?: number;
  testSystematics?: Partial<Systematics>;
}): GeneratedDataset {
  const total = opts.trainEvents + opts.testEvents;
  const publicFraction = opts.publicFraction ?? 0.18;
  const systematics = resolveSystematics(opts.testSystematics);
  const shifted = isShifted(systematics);
  const events = simulateHiggs({ seed: opts.seed, nEvents: total });
  const nominal = trainTestSplit(events, { seed: opts.seed, testFraction: opts.testEvents / total });
  const train = nominal.train;
  const nominalSplit = splitTestSet(nominal.test, { seed: opts.seed, publicFraction });
  const { test, split, dropped } = shifted
    ? shiftedTest(opts.seed, nominal.test, nominalSplit, systematics)
    : { test: nominal.test, split: nominalSplit, dropped: 0 };
  return {
    manifest: {
      source: "simulator",
      simulator: "higgs-tautau",
      seed: describeSeed(opts.seed),
      trainEvents: train.label.length,
      testEvents: test.label.length,
      publicFraction,
      ...(shifted
        ? {
            testSet: "the nominal test events shifted by systematic uncertainties (training set nominal)",
            testEventsDroppedByShift: dropped,
          }
        : {}),
    },
    files: higgsDatasetFiles(train, test),
    solution: { eventId: test.eventId, label: test.label, weight: split.weight, usage: split.usage },
    secrets: { ...seedSecrets(opts.seed), ...(shifted ? { testSystematics: systematics } : {}) },
  };
}

export const higgsBuiltIn: BuiltInChallenge = {
  slug: "higgs-boson",
  kind: "higgs-tautau",
  title: "Higgs boson machine learning challenge",
  summary: "Tell H → ττ decays from Z → ττ, tt̄ and W + jets backgrounds in simulated ATLAS-like events. Scored by weighted AMS.",
  description: higgsDescription,
  metricId: "ams",
  config: {},
  // Predictions or ONNX models: a model is run by the server on the test features, with its latency and size shown.
  phases: (now) => [{ name: "Main", startsAt: now, endsAt: new Date(now.getTime() + 180 * DAY_MS), submissionMode: "both" }],
  trainedBaselines: ["xgboost", "tfjs"],
  generate: (scale, seed) =>
    generateHiggsDataset({
      seed,
      trainEvents: Math.max(100, Math.round(TRAIN_EVENTS * scale)),
      testEvents: Math.max(100, Math.round(TEST_EVENTS * scale)),
    }),
};
