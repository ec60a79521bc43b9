import type { BuiltInChallenge, GeneratedDataset } from "../built-in";
import { higgsDescription } from "./description";
import { higgsDatasetFiles } from "./importer/higgs-import";
import { simulateHiggs } from "./simulator/simulate";
import { splitTestSet, trainTestSplit } from "./split";
import { describeSeed, type Seed, seedSecrets } from "../shared/random";

/** Kaggle's sizes: 250,000 training and 550,000 test events. */
const TRAIN_EVENTS = 250_000;
const TEST_EVENTS = 550_000;
const DAY_MS = 86_400_000;

/**
 * Simulates one sample, splits it into training and test parts, and splits the
 * test part into the Public (18%) and Private leaderboard subsets. Each part
 * and subset has its weights renormalised to the full class totals, as Kaggle did.
 */
export function generateHiggsDataset(opts: { seed: Seed; trainEvents: number; testEvents: number; publicFraction?: number }): GeneratedDataset {
  const total = opts.trainEvents + opts.testEvents;
  const events = simulateHiggs({ seed: opts.seed, nEvents: total });
  const { train, test } = trainTestSplit(events, { seed: opts.seed, testFraction: opts.testEvents / total });
  const split = splitTestSet(test, { seed: opts.seed, publicFraction: opts.publicFraction ?? 0.18 });
  return {
    manifest: {
      source: "simulator",
      simulator: "higgs-tautau",
      seed: describeSeed(opts.seed),
      trainEvents: train.label.length,
      testEvents: test.label.length,
      publicFraction: opts.publicFraction ?? 0.18,
    },
    files: higgsDatasetFiles(train, test),
    solution: { eventId: test.eventId, label: test.label, weight: split.weight, usage: split.usage },
    secrets: seedSecrets(opts.seed),
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
