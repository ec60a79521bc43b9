/** Anomaly detection (LHC Olympics style): `EventId,score` ranked by a score metric, behind the mass-sculpting gate. */
import type { ChallengeKind } from "../kind";
import { eventScoresCsv } from "../shared/model-contract";
import { ANOMALY_DEFAULTS, anomalyBuiltIn, generateAnomalyDataset } from "./built-in";
import { anomalyDescription } from "./description";
import { ANOMALY_FEATURES } from "./schema";
import { MIN_CONTROL_EVENTS, scoreAnomalySubmission } from "./score-submission";
import { lhcoUpload } from "./upload";

export const anomalyKind: ChallengeKind = {
  id: "anomaly-detection",
  label: "Anomaly detection (LHC Olympics style)",
  category: "Anomaly detection",
  metrics: ["eff-at-1e-3", "eff-at-1e-2", "auc", "sic"],
  scoring: { by: "answer-key", control: true },
  score: ({ solution, submission, metricId, bootstrap, seed }) => {
    if (!solution?.aux)
      throw new Error("an anomaly-detection submission needs the answer key with its control rows' m_JJ, and it was not loaded");
    return scoreAnomalySubmission({ solution, submission, metricId, bootstrap, seed });
  },
  // A Track B challenge publishes its one sample as blackbox.csv.
  answerKey: { testFiles: ["test.csv", "blackbox.csv"], controlNeedsAux: true },
  fileRows: "csv",
  modelContract: {
    features: ANOMALY_FEATURES,
    missing: "every feature is defined for every event",
    output:
      "one anomaly score per event, higher = more signal-like (a probability, a score, or class probabilities of which the second column is the signal)",
    submission: (ids, scores) => eventScoresCsv(ids, scores),
  },
  description: anomalyDescription,
  reference: /^## (The features|The tracks|The data files|Submission format|The scores|The validity gate|Public and private leaderboards)/,
  uploads: [lhcoUpload],
  simulate: {
    sized: true,
    maxTrain: 1_000_000,
    maxTest: 1_000_000,
    generate: (r) =>
      generateAnomalyDataset({
        seed: r.seed,
        trainEvents: r.trainEvents,
        testEvents: r.testEvents,
        controlEvents: Math.max(MIN_CONTROL_EVENTS, Math.round(r.testEvents / 4)),
        signalFraction: ANOMALY_DEFAULTS.signalFraction,
        publicFraction: r.publicFraction,
      }),
  },
  regenerate: "void",
  builtIns: [anomalyBuiltIn],
  baselines: {
    trainer: "anomaly",
    families: [
      { id: "cwola", label: "CWoLa classifier (weak supervision)" },
      { id: "autoencoder", label: "autoencoder" },
      { id: "both", label: "both" },
    ],
    defaultFamily: "cwola",
  },
};
