/**
 * Organiser-made challenges from the platform's simulators: what each kind offers (metrics, sizes, default text)
 * and the dataset for a seed. A teacher who creates a class challenge with a fresh key gets fresh data, so last
 * year's answers are worth nothing this year; a typed integer seed reproduces data anyone can rebuild.
 */
import { ANOMALY_DEFAULTS, anomalyDescription, generateAnomalyDataset, MIN_CONTROL_EVENTS } from "./anomaly-detection";
import type { GeneratedDataset } from "./built-in";
import type { Seed } from "./shared/random";
import { detectorBuiltIn } from "./detector-design/built-in";
import { detectorDescription } from "./detector-design/description";
import { higgsDescription } from "./higgs-tautau/description";
import { generateHiggsDataset } from "./higgs-tautau/built-in";

export type SimulatedKind = "higgs-tautau" | "anomaly-detection" | "detector-design";

export interface KindOption {
  label: string;
  /** Metric ids this kind can be scored by (the first is the default). */
  metrics: readonly string[];
  /** Whether the organiser chooses the number of events (a detector challenge has no data to size). */
  sized: boolean;
  maxTrain: number;
  maxTest: number;
  description: string;
}

export const KIND_OPTIONS: Readonly<Record<SimulatedKind, KindOption>> = {
  "higgs-tautau": { label: "Higgs → ττ classification (AMS)", metrics: ["ams"], sized: true, maxTrain: 250_000, maxTest: 550_000, description: higgsDescription },
  "anomaly-detection": {
    label: "Anomaly detection (LHC Olympics style)",
    metrics: ["eff-at-1e-3", "eff-at-1e-2", "auc", "sic"],
    sized: true,
    maxTrain: 1_000_000,
    maxTest: 1_000_000,
    description: anomalyDescription,
  },
  "detector-design": { label: "Detector design (straw tracker)", metrics: ["design-score"], sized: false, maxTrain: 0, maxTest: 0, description: detectorDescription },
};

export interface SimulationRequest {
  kind: SimulatedKind;
  /** A fresh 32-byte key (secret data), or a typed integer (data anyone who knows it can rebuild). */
  seed: Seed;
  trainEvents: number;
  testEvents: number;
  publicFraction: number;
}

export function simulateChallengeData(r: SimulationRequest): GeneratedDataset {
  switch (r.kind) {
    case "higgs-tautau":
      return generateHiggsDataset({ seed: r.seed, trainEvents: r.trainEvents, testEvents: r.testEvents, publicFraction: r.publicFraction });
    case "anomaly-detection":
      return generateAnomalyDataset({
        seed: r.seed,
        trainEvents: r.trainEvents,
        testEvents: r.testEvents,
        controlEvents: Math.max(MIN_CONTROL_EVENTS, Math.round(r.testEvents / 4)),
        signalFraction: ANOMALY_DEFAULTS.signalFraction,
        publicFraction: r.publicFraction,
      });
    case "detector-design":
      return detectorBuiltIn.generate(1, r.seed);
  }
}
