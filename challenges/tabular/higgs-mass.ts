/**
 * Built-in tabular challenge: the di-τ mass. For simulated events with a τ pair (H → ττ from ggH, VBF and VH, and
 * Z → ττ) the simulator knows the pair's true mass; competitors predict it from the 30 reconstructed features, where
 * the neutrinos escape unseen (the problem the MMC feature, DER_mass_MMC, attacks). Scored by the mean relative
 * resolution (σ of (prediction − truth)/truth), lower is better.
 */
import type { BuiltInChallenge, GeneratedDataset } from "../built-in";
import { formatFeature } from "../higgs-tautau/csv";
import { HIGGS_FEATURES, type HiggsEvents, selectEvents } from "../higgs-tautau/schema";
import { simulateHiggs } from "../higgs-tautau/simulator/simulate";
import { splitTestSet, trainTestSplit } from "../higgs-tautau/split";
import { chunked } from "../shared/csv-chunks";
import { describeSeed, seedSecrets } from "../shared/random";

const TRAIN_EVENTS = 20_000;
const TEST_EVENTS = 20_000;
const DAY_MS = 86_400_000;

const cells = (events: HiggsEvents, i: number) => events.features.map((col, f) => formatFeature(col[i]!, f)).join(",");
/** GeV with 3 decimals, as the features. */
const mass = (m: number) => m.toFixed(3);

export const massDescription = `# The di-τ mass

A Higgs boson (125 GeV) and a Z boson (about 91 GeV; a few percent of the pairs come from a virtual photon, γ*, at
100–400 GeV) both decay to two tau leptons, and each tau decays with one or two neutrinos that the detector never
sees: the visible mass is well below the true one. Predict the **true mass of the τ pair** of each simulated event
(H → ττ from gluon fusion, vector-boson fusion and VH production, and Z/γ* → ττ) from the 30 features of the Higgs challenge. train.csv gives the true mass (\`m_tautau\`, GeV); a submission gives
\`EventId,prediction\`. Scored by the relative resolution: the standard deviation of (prediction − truth)/truth, so a
constant offset costs nothing but a spread does (the bias is shown beside it). Lower is better.
`;

/** The simulated events with a τ pair, the first `n` of them (the simulator's order is random). */
function ditauEvents(seed: Parameters<BuiltInChallenge["generate"]>[1], n: number): HiggsEvents {
  // About 60% of the sample has a τ pair: simulate enough, then keep those.
  for (let draw = Math.ceil(n * 2); ; draw *= 2) {
    const events = simulateHiggs({ seed, nEvents: draw });
    const kept = Array.from({ length: draw }, (_, i) => i).filter((i) => Number.isFinite(events.truthMass![i]!));
    if (kept.length >= n) return selectEvents(events, kept.slice(0, n));
  }
}

export const massBuiltIn: BuiltInChallenge = {
  slug: "ditau-mass",
  kind: "tabular",
  title: "The di-τ mass: regress the true H or Z mass past the neutrinos",
  summary: "Regression of the true mass of the τ pair in simulated H → ττ and Z → ττ events, scored by the relative resolution.",
  description: massDescription,
  metricId: "mass-resolution",
  config: {},
  trainedBaselines: ["xgboost", "tfjs"],
  phases: (now) => [{ name: "Main", startsAt: now, endsAt: new Date(now.getTime() + 180 * DAY_MS) }],
  generate(scale, seed): GeneratedDataset {
    const trainEvents = Math.max(100, Math.round(TRAIN_EVENTS * scale));
    const testEvents = Math.max(100, Math.round(TEST_EVENTS * scale));
    const events = ditauEvents(seed, trainEvents + testEvents);
    const { train, test } = trainTestSplit(events, { seed, testFraction: testEvents / (trainEvents + testEvents) });
    const { usage } = splitTestSet(test, { seed, publicFraction: 0.3 });
    return {
      manifest: {
        source: "simulator",
        simulator: "higgs-tautau",
        seed: describeSeed(seed),
        trainEvents,
        testEvents,
        target: "true di-tau mass (GeV)",
      },
      files: [
        {
          filename: "train.csv",
          description: "Training events: EventId, the 30 features and the true di-τ mass m_tautau (GeV)",
          rows: trainEvents,
          chunks: chunked(
            ["EventId", ...HIGGS_FEATURES, "m_tautau"].join(","),
            trainEvents,
            (i) => `${train.eventId[i]},${cells(train, i)},${mass(train.truthMass![i]!)}`,
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
        label: new Uint8Array(testEvents),
        target: { type: "real" },
        value: Float64Array.from(test.truthMass!),
        weight: new Float64Array(testEvents).fill(1),
        usage,
      },
      secrets: seedSecrets(seed),
    };
  },
};
