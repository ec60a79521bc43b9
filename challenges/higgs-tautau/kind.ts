/** Higgs → ττ classification: `EventId,RankOrder,Class` scored by weighted AMS against the answer key. */
import { scoreSubmission } from "../../scoring/registry";
import type { ChallengeKind } from "../kind";
import { kaggleSubmissionBytes } from "../shared/baseline/submission";
import { DEFAULT_THRESHOLD, THRESHOLD_METADATA_KEY } from "../shared/model-contract";
import { generateHiggsDataset, higgsBuiltIn } from "./built-in";
import { higgsDescription } from "./description";
import { HIGGS_FEATURES } from "./schema";
import { HIGGS_SYSTEMATIC_KNOBS, type Systematics } from "./simulator/systematics";
import { higgsCernUpload, higgsKaggleUpload } from "./uploads";

export const higgsKind: ChallengeKind = {
  id: "higgs-tautau",
  label: "Higgs → ττ classification (AMS)",
  category: "Classification",
  metrics: ["ams"],
  scoring: { by: "answer-key" },
  score: ({ solution, submission, metricId, gates, bootstrap, seed }) => {
    if (!solution) throw new Error("a higgs-tautau submission is scored against an answer key, and none was loaded");
    return scoreSubmission({ solution, submission, metricId, gates, bootstrap, seed });
  },
  answerKey: { testFiles: ["test.csv"] },
  fileRows: "csv",
  modelContract: {
    features: HIGGS_FEATURES,
    missing:
      "undefined values (jet features of events with too few jets, DER_mass_MMC when it fails) arrive as −999.0, as in test.csv, not as NaN",
    output:
      `one signal score per event (a probability, a margin, or class probabilities of which the second column is the signal); ` +
      `events are ranked by it and classified as signal ("s") where it is at least the threshold: ${DEFAULT_THRESHOLD}, or the model's ` +
      `metadata_props entry "${THRESHOLD_METADATA_KEY}"`,
    submission: (ids, scores, threshold) => kaggleSubmissionBytes(ids, scores, threshold),
  },
  description: higgsDescription,
  reference: /^## (The features|The data files|The score|Submission format|Public and private leaderboards)/,
  uploads: [higgsCernUpload, higgsKaggleUpload],
  simulate: {
    sized: true,
    maxTrain: 250_000,
    maxTest: 550_000,
    systematics: HIGGS_SYSTEMATIC_KNOBS,
    // resolveSystematics (inside) refuses an unknown knob or a value out of its range by name.
    generate: (r) =>
      generateHiggsDataset({
        seed: r.seed,
        trainEvents: r.trainEvents,
        testEvents: r.testEvents,
        publicFraction: r.publicFraction,
        testSystematics: r.testSystematics as Partial<Systematics> | undefined,
      }),
  },
  regenerate: "void",
  builtIns: [higgsBuiltIn],
  baselines: {
    trainer: "higgs",
    families: [
      { id: "xgboost", label: "XGBoost", needsXgboost: true },
      { id: "tfjs", label: "tfjs MLP ensemble" },
      { id: "both", label: "both, posted apart", needsXgboost: true },
      { id: "blend", label: "blend of both", needsXgboost: true },
    ],
    defaultFamily: "xgboost",
  },
};
