/**
 * What every import format produces (training events, test events, the private answer key), the seeded split for
 * files that hold training events only, and the conversion into the GeneratedDataset that challenge creation stores.
 */
import type { GeneratedDataset, GeneratedFile, GeneratedSolution } from "../../built-in";
import type { FormatProblem } from "../../../scoring/parsing/errors";
import { sampleSubmissionCsv, testCsv, trainingCsv } from "../csv";
import type { HiggsEvents } from "../schema";
import { splitTestSet, trainTestSplit, USAGE_PRIVATE, USAGE_PUBLIC } from "../split";
import { ImportFormatError } from "./import-error";

export interface HiggsImport {
  /** Training events with their labels and weights (published in training.csv). */
  train: HiggsEvents;
  /** Test events; only their ids and features are published (test.csv). */
  test: HiggsEvents;
  /** The private answer key of the test events. */
  solution: GeneratedSolution;
  manifest: Record<string, unknown>;
}

export interface SplitOptions {
  seed: number;
  /** Share of the events held out as the test set (default 0.4, the 60/40 split the baselines use). */
  testFraction?: number;
  /** Share of the test set on the public leaderboard (default 0.18, as on Kaggle). */
  publicFraction?: number;
}

export const DEFAULT_TEST_FRACTION = 0.4;
export const DEFAULT_PUBLIC_FRACTION = 0.18;

type ClassSums = { s: number; b: number; sEvents: number; bEvents: number };

/** Weight sums and event counts per leaderboard subset and class, recorded in the manifest and checked below. */
export function subsetSums(solution: GeneratedSolution): { Public: ClassSums; Private: ClassSums } {
  const sums = { Public: { s: 0, b: 0, sEvents: 0, bEvents: 0 }, Private: { s: 0, b: 0, sEvents: 0, bEvents: 0 } };
  for (let i = 0; i < solution.usage.length; i++) {
    const usage = solution.usage[i];
    const subset = usage === USAGE_PUBLIC ? sums.Public : usage === USAGE_PRIVATE ? sums.Private : null;
    if (subset === null) continue;
    if (solution.label[i] === 1) {
      subset.s += solution.weight[i]!;
      subset.sEvents++;
    } else {
      subset.b += solution.weight[i]!;
      subset.bEvents++;
    }
  }
  return sums;
}

/**
 * Problems that make a dataset unusable as a challenge even though each file is well formed: no training events,
 * a leaderboard subset without signal or background (AMS needs both).
 */
export function datasetProblems(train: HiggsEvents, solution: GeneratedSolution): FormatProblem[] {
  const problems: FormatProblem[] = [];
  let trainSignal = 0;
  for (const l of train.label) trainSignal += l;
  if (train.label.length === 0) problems.push({ line: null, message: "there are no training events" });
  else if (trainSignal === 0 || trainSignal === train.label.length) {
    problems.push({ line: null, message: `the training events are all ${trainSignal === 0 ? "background" : "signal"}` });
  }
  const sums = subsetSums(solution);
  for (const subset of ["Public", "Private"] as const) {
    const { sEvents, bEvents } = sums[subset];
    if (sEvents === 0 || bEvents === 0) {
      problems.push({
        line: null,
        message: `the ${subset} test subset has ${sEvents} signal and ${bEvents} background events; it needs both`,
      });
    }
  }
  return problems;
}

/** Throws one ImportFormatError for the dataset-level problems, if any. */
export function checkDataset(train: HiggsEvents, solution: GeneratedSolution): void {
  const problems = datasetProblems(train, solution);
  if (problems.length > 0) throw new ImportFormatError("The imported dataset", problems);
}

/**
 * Splits labelled events into training and test parts and the test part into Public/Private, with each part and
 * subset renormalised per class to the full Kaggle totals (split.ts), so AMS values stay in the usual range.
 */
export function splitLabelledEvents(events: HiggsEvents, opts: SplitOptions): Omit<HiggsImport, "manifest"> {
  const testFraction = opts.testFraction ?? DEFAULT_TEST_FRACTION;
  const { train, test } = trainTestSplit(events, { seed: opts.seed, testFraction });
  const split = splitTestSet(test, { seed: opts.seed, publicFraction: opts.publicFraction ?? DEFAULT_PUBLIC_FRACTION });
  return { train, test, solution: { eventId: test.eventId, label: test.label, weight: split.weight, usage: split.usage } };
}

/** The files competitors download, in Kaggle's formats: never a test label or weight. */
export function higgsDatasetFiles(train: HiggsEvents, test: HiggsEvents): GeneratedFile[] {
  const nTrain = train.eventId.length;
  const nTest = test.eventId.length;
  return [
    {
      filename: "training.csv",
      description: "Training events: EventId, 30 features, Weight, Label (s/b)",
      rows: nTrain,
      chunks: trainingCsv(train),
    },
    {
      filename: "test.csv",
      description: "Test events: EventId and 30 features (no labels, no weights)",
      rows: nTest,
      chunks: testCsv(test),
    },
    {
      filename: "sample_submission.csv",
      description: "A valid submission in Kaggle's format: EventId, RankOrder, Class",
      rows: nTest,
      chunks: sampleSubmissionCsv(test.eventId),
    },
  ];
}

/** The dataset challenge creation stores: the downloadable files, the answer key, and a manifest with the counts and sums. */
export function higgsImportDataset(imported: HiggsImport): GeneratedDataset {
  const { train, test, solution } = imported;
  return {
    manifest: {
      ...imported.manifest,
      trainEvents: train.eventId.length,
      testEvents: test.eventId.length,
      weightSums: subsetSums(solution),
    },
    files: higgsDatasetFiles(train, test),
    solution,
  };
}
