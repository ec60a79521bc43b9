/**
 * Built-in tabular challenge: which process made each event? The Higgs simulator's own truth (the process it drew)
 * becomes a six-class target (ggH, VBF, VH: Higgs → ττ; Ztautau, ttbar, Wjets: the backgrounds), scored by the
 * multi-class log-loss. The features are the 30 of the Higgs challenge; train.csv adds the process name.
 */
import type { BuiltInChallenge, GeneratedDataset } from "../built-in";
import { formatFeature } from "../higgs-tautau/csv";
import { HIGGS_FEATURES, HIGGS_PROCESSES, type HiggsEvents } from "../higgs-tautau/schema";
import { simulateHiggs } from "../higgs-tautau/simulator/simulate";
import { splitTestSet, trainTestSplit } from "../higgs-tautau/split";
import { chunked } from "../shared/csv-chunks";
import { describeSeed, seedSecrets } from "../shared/random";

/** Small enough that first start stays quick (the Higgs challenge simulates 800,000 events). */
const TRAIN_EVENTS = 20_000;
const TEST_EVENTS = 20_000;
const DAY_MS = 86_400_000;

const cells = (events: HiggsEvents, i: number) => events.features.map((col, f) => formatFeature(col[i]!, f)).join(",");

export const processesDescription = `# Which process made this event?

The platform's Higgs simulator draws each event from one of six processes. Three are a Higgs boson decaying to two
tau leptons, produced in different ways: **ggH** (gluon fusion), **VBF** (vector-boson fusion, with two forward
jets) and **VH** (with a W or Z boson). Three are backgrounds: **Ztautau** (a Z boson decaying to two taus),
**ttbar** (a top-quark pair) and **Wjets** (a W boson with jets, one jet faking a tau). Tell them apart from the 30
features of the Higgs challenge: a submission gives each test event a probability for each of the six classes, and
is scored by the multi-class log-loss (lower is better). Every event counts once (no weights).
`;

export const processesBuiltIn: BuiltInChallenge = {
  slug: "higgs-processes",
  kind: "tabular",
  title: "Which process? ggH, VBF, VH, Z → ττ, tt̄ or W + jets",
  summary: "Six-class identification of simulated collision events, scored by the multi-class log-loss.",
  description: processesDescription,
  metricId: "log-loss",
  config: {},
  trainedBaselines: ["xgboost", "tfjs"],
  phases: (now) => [{ name: "Main", startsAt: now, endsAt: new Date(now.getTime() + 180 * DAY_MS) }],
  generate(scale, seed): GeneratedDataset {
    const trainEvents = Math.max(100, Math.round(TRAIN_EVENTS * scale));
    const testEvents = Math.max(100, Math.round(TEST_EVENTS * scale));
    const events = simulateHiggs({ seed, nEvents: trainEvents + testEvents });
    const { train, test } = trainTestSplit(events, { seed, testFraction: testEvents / (trainEvents + testEvents) });
    const { usage } = splitTestSet(test, { seed, publicFraction: 0.3 });
    const classes = [...HIGGS_PROCESSES];
    return {
      manifest: { source: "simulator", simulator: "higgs-tautau", seed: describeSeed(seed), trainEvents, testEvents, classes },
      files: [
        {
          filename: "train.csv",
          description: "Training events: EventId, the 30 features and the process",
          rows: trainEvents,
          chunks: chunked(
            ["EventId", ...HIGGS_FEATURES, "Process"].join(","),
            trainEvents,
            (i) => `${train.eventId[i]},${cells(train, i)},${classes[train.process![i]!]}`,
          ),
        },
        {
          filename: "test.csv",
          description: "Test events: EventId and the 30 features",
          rows: testEvents,
          chunks: chunked(["EventId", ...HIGGS_FEATURES].join(","), testEvents, (i) => `${test.eventId[i]},${cells(test, i)}`),
        },
      ],
      solution: {
        eventId: test.eventId,
        label: Uint8Array.from(test.process!),
        target: { type: "multiclass", classes },
        weight: new Float64Array(testEvents).fill(1),
        usage,
      },
      secrets: seedSecrets(seed),
    };
  },
};
