/**
 * Organiser-made challenges from the platform's simulators: what each kind offers (metrics, sizes, default text)
 * and the dataset for a seed. A teacher who creates a class challenge with a fresh key gets fresh data, so last
 * year's answers are worth nothing this year; a typed integer seed reproduces data anyone can rebuild.
 */
import type { GeneratedDataset } from "./built-in";
import { CHALLENGE_KINDS, findKind } from "./index";
import type { ChallengeKind, SimulationRequest, SystematicKnob } from "./kind";

export interface KindOption {
  label: string;
  category: string;
  /** Whether a phase may take ONNX models (the kind has a model contract). */
  models: boolean;
  /** What competitors upload, in words ("designs", "predictions files"). */
  uploads: string;
  /** Metric ids this kind can be scored by (the first is the default). */
  metrics: readonly string[];
  /** Whether the organiser chooses the number of events (a detector challenge has no data to size). */
  sized: boolean;
  maxTrain: number;
  maxTest: number;
  /** Systematics knobs for the test set (a robustness challenge); empty when the kind has none. */
  systematics: readonly SystematicKnob[];
  description: string;
}

const sizes = ({ sized, maxTrain, maxTest, systematics = [] }: NonNullable<ChallengeKind["simulate"]>) => ({
  sized,
  maxTrain,
  maxTest,
  systematics,
});

/** The kinds an organiser can generate data for, by id. */
export const KIND_OPTIONS: Readonly<Record<string, KindOption>> = Object.fromEntries(
  CHALLENGE_KINDS.flatMap((k) =>
    k.simulate
      ? [
          [
            k.id,
            {
              label: k.label,
              category: k.category,
              models: Boolean(k.modelContract),
              uploads: k.pages?.uploads ?? "predictions files",
              metrics: k.metrics,
              ...sizes(k.simulate),
              description: k.description,
            },
          ],
        ]
      : [],
  ),
);

export const SIMULATED_KIND_IDS = Object.keys(KIND_OPTIONS) as [string, ...string[]];

export function simulateChallengeData(r: SimulationRequest & { kind: string }): GeneratedDataset {
  const simulate = findKind(r.kind)?.simulate;
  if (!simulate) throw new Error(`the ${r.kind} kind has no simulator`);
  return simulate.generate(r);
}
