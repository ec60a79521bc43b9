import type { BuiltInChallenge, GeneratedDataset } from "../built-in";
import { higgsDescription } from "./description";
import { higgsDatasetFiles } from "./importer/higgs-import";
import { BACKGROUND_WEIGHT_TOTAL, type HiggsEvents } from "./schema";
import { simulateHiggs } from "./simulator/simulate";
import { isShifted, resolveSystematics, type Systematics } from "./simulator/systematics";
import { splitTestSet, trainTestSplit } from "./split";
import { describeSeed, Random, type Seed, seedSecrets } from "../shared/random";

/** Kaggle's sizes: 250,000 training and 550,000 test events. */
const TRAIN_EVENTS = 250_000;
const TEST_EVENTS = 550_000;
const DAY_MS = 86_400_000;

/** Stream of the shifted test sample, apart from the nominal sample's streams. */
const SHIFTED_TEST_STREAM = 0x5b1f7;

/**
 * The test part drawn again, under systematic shifts, from its own stream: as many events, the same event ids.
 * Its leaderboard weights are renormalised per subset and class like the nominal ones, then the background's
 * carry the shifted sample's own background total (so a total-normalisation knob moves the AMS, as it would in a
 * real measurement, instead of being renormalised away).
 */
function shiftedTest(seed: Seed, nominalTest: HiggsEvents, systematics: Systematics, publicFraction: number) {
  const test = simulateHiggs({ seed: new Random(seed).forkKey(SHIFTED_TEST_STREAM), nEvents: nominalTest.label.length, systematics });
  test.eventId = nominalTest.eventId;
  let background = 0;
  for (let i = 0; i < test.label.length; i++) if (test.label[i] === 0) background += test.weight[i] as number;
  const split = splitTestSet(test, { seed, publicFraction });
  const scale = background / BACKGROUND_WEIGHT_TOTAL;
  for (let i = 0; i < test.label.length; i++) if (test.label[i] === 0) split.weight[i] = (split.weight[i] as number) * scale;
  return { test, split };
}

/**
 * Simulates one sample, splits it into training and test parts, and splits the
 * test part into the Public (18%) and Private leaderboard subsets. Each part
 * and subset has its weights renormalised to the full class totals, as Kaggle did.
 * With `testSystematics` away from nominal (a robustness challenge: train on nominal data, be scored on shifted
 * data), the training part is the nominal one and the test part is drawn shifted (shiftedTest); the knob values
 * stay in the server-only secrets.
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
  const { test, split } = shifted
    ? shiftedTest(opts.seed, nominal.test, systematics, publicFraction)
    : { test: nominal.test, split: splitTestSet(nominal.test, { seed: opts.seed, publicFraction }) };
  return {
    manifest: {
      source: "simulator",
      simulator: "higgs-tautau",
      seed: describeSeed(opts.seed),
      trainEvents: train.label.length,
      testEvents: test.label.length,
      publicFraction,
      ...(shifted ? { testSet: "shifted by systematic uncertainties (training set nominal)" } : {}),
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
