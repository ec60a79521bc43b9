/**
 * The built-in anomaly-detection challenge: simulated Track A data (background-only training sample; test sample
 * with a small injected W′ → XY signal plus hidden background-only control events), and Track B black boxes.
 * Every sample has its own seed, derived from the challenge seed and recorded in the manifest with the simulator's
 * full manifest: a typed integer seed replays exactly from the manifest alone; a secret key's samples get keys of
 * their own, which the manifest never shows (it says "secret key").
 */
import type { BuiltInChallenge, GeneratedDataset } from "../built-in";
import { describeSeed, Random, type Seed } from "../shared/random";
import { type AnomalyDataset, blackBoxDataset, MissingClassError, trackADataset } from "./dataset";
import { anomalyDescription } from "./description";
import type { AnomalyParams } from "./simulator/params";
import { MIN_CONTROL_EVENTS } from "./score-submission";
import { simulateAnomaly } from "./simulator/simulate";

/** Defaults at scale 1: 1000 signal events in the test sample, ~140 background events at ε_B = 1e-3 on the private board. */
export const ANOMALY_DEFAULTS = { trainEvents: 200_000, testEvents: 200_000, controlEvents: 50_000, signalFraction: 0.005 } as const;
const DAY_MS = 86_400_000;
/** Seeds tried in turn by the built-in at a small scale (a miss is ~3% likely, ten in a row ~10^-15). */
const MAX_SEED_ATTEMPTS = 10;
/** Stream ids of the retry seeds (retry k uses RETRY_STREAM + k). */
const RETRY_STREAM = 0x7e7_0000;

/** Stream ids of the per-sample seeds. */
const SAMPLE = { train: 1, test: 2, control: 3, blackBox: 4 } as const;

/**
 * The seed of one sample, derived from the challenge seed: a key's samples get keys (a uint32 would fold 256 bits to
 * a searchable 32); a typed seed is public anyway, so its samples keep integer seeds their manifests can replay.
 */
function derivedSeed(seed: Seed, stream: number): Seed {
  const root = new Random(seed);
  return typeof seed === "number" ? root.fork(stream).nextUint32() : root.forkKey(stream);
}

export interface AnomalyDatasetOptions {
  seed: Seed;
  trainEvents: number;
  testEvents: number;
  controlEvents: number;
  /** Share of signal among the test events (control events excluded); must be > 0 on Track A. */
  signalFraction: number;
  publicFraction?: number;
  params?: AnomalyParams;
}

/** Track A. Refuses signalFraction 0: with nothing to find, ε_S is undefined (a null sample is a Track B black box). */
export function generateAnomalyDataset(opts: AnomalyDatasetOptions): AnomalyDataset {
  if (!(opts.signalFraction > 0)) {
    throw new RangeError(
      `Track A needs a signal to find: signalFraction must be > 0, got ${opts.signalFraction} (a null sample is only valid for Track B, generateBlackBox)`,
    );
  }
  const simulate = (sample: number, nEvents: number, signalFraction: number) =>
    simulateAnomaly({ seed: derivedSeed(opts.seed, sample), nEvents, signalFraction, params: opts.params });
  const train = simulate(SAMPLE.train, opts.trainEvents, 0);
  const test = simulate(SAMPLE.test, opts.testEvents, opts.signalFraction);
  const control = simulate(SAMPLE.control, opts.controlEvents, 0);
  return trackADataset({
    train: train.events,
    test: test.events,
    control: control.events,
    seed: opts.seed,
    publicFraction: opts.publicFraction,
    manifest: {
      source: "simulator",
      simulator: "anomaly-detection",
      seed: describeSeed(opts.seed),
      samples: { train: train.manifest, test: test.manifest, control: control.manifest },
    },
  });
}

export interface BlackBoxOptions {
  seed: Seed;
  events: number;
  signalFraction: number;
  publicFraction?: number;
  params?: AnomalyParams;
}

/** Track B: one unlabelled sample, signal optional (signalFraction 0 = a null sample). */
export function generateBlackBox(opts: BlackBoxOptions): GeneratedDataset {
  const { events, signalFraction, params } = opts;
  const sample = simulateAnomaly({ seed: derivedSeed(opts.seed, SAMPLE.blackBox), nEvents: events, signalFraction, params });
  return blackBoxDataset(sample.events, {
    seed: opts.seed,
    publicFraction: opts.publicFraction,
    manifest: {
      source: "simulator",
      simulator: "anomaly-detection",
      seed: describeSeed(opts.seed),
      samples: { blackBox: sample.manifest },
    },
  });
}

/** Track A, with the control events' m_JJ in the answer key's aux column for the server's gate. */
export const anomalyBuiltIn: BuiltInChallenge = {
  slug: "anomaly-detection",
  kind: "anomaly-detection",
  title: "Anomaly detection: find the new resonance",
  summary:
    "Find a hidden dijet resonance in LHC-Olympics-style events without signal labels. Scored by signal efficiency at a background efficiency of 10⁻³.",
  description: anomalyDescription,
  metricId: "eff-at-1e-3",
  config: { track: "A", ...ANOMALY_DEFAULTS },
  phases: (now) => [{ name: "Main", startsAt: now, endsAt: new Date(now.getTime() + 180 * DAY_MS) }],
  trainedBaselines: ["cwola"],
  // Floors keep scale 0.01 (tests) meaningful: 2,000 test events with 10 signal events. Those 10 can all fall on one
  // side of the hashed Public/Private split (about 3% of seeds); a seed derived from it then serves, so that a
  // built-in challenge is always created (the manifest's retry says which).
  generate: (scale, seed) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const data = generateAnomalyDataset({
          seed: attempt === 0 ? seed : derivedSeed(seed, RETRY_STREAM + attempt),
          trainEvents: Math.max(1000, Math.round(ANOMALY_DEFAULTS.trainEvents * scale)),
          testEvents: Math.max(2000, Math.round(ANOMALY_DEFAULTS.testEvents * scale)),
          controlEvents: Math.max(MIN_CONTROL_EVENTS, Math.round(ANOMALY_DEFAULTS.controlEvents * scale)),
          signalFraction: ANOMALY_DEFAULTS.signalFraction,
        });
        return attempt === 0 ? data : { ...data, manifest: { ...data.manifest, retry: attempt } };
      } catch (e) {
        if (!(e instanceof MissingClassError) || attempt === MAX_SEED_ATTEMPTS - 1) throw e;
      }
    }
  },
};
