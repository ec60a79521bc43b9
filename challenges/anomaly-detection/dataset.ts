/**
 * The layout of an anomaly-detection challenge, shared by the simulator's built-in challenge and the LHCO import.
 *
 * Track A: `train.csv` holds background-only events (features, no label, no id); `test.csv` holds the test events
 * (background with injected signal) and the background-only *control* events shuffled together and numbered in the
 * shuffled order, so nothing in the file tells them apart. The solution has a row per test.csv event: label,
 * weight 1, and usage Public/Private by a hash of the EventId keyed by the hidden key, or USAGE_CONTROL for control
 * events, which no leaderboard scores: the server keeps their mjj (`control`) to run the mass-sculpting gate
 * (scoring/metrics/mass-sculpting.ts) on the scores submitted for them.
 *
 * Worked example: 3 test events and 1 control event, shuffled to order [test 2, control 0, test 0, test 1], get
 * EventIds 1000000..1000003; EventId 1000001 is the control event (usage 3, mjj kept), the others are Public or
 * Private by the hash.
 */
import type { GeneratedDataset, GeneratedFile, GeneratedSolution } from "../built-in";
import { USAGE, USAGE_PRIVATE, USAGE_PUBLIC } from "../../scoring/solution";
import { Random, type Seed, seedSecrets } from "../shared/random";
import { eventsCsv, featuresCsv, publishedValue, sampleSubmissionCsv } from "./csv";
import { type AnomalyEvents, concatAnomalyEvents, countSignal, FEATURE, selectAnomalyEvents } from "./schema";

/** Usage code of a control event: in test.csv, never on a leaderboard (scoring/ ignores codes other than 1 and 2). */
export const USAGE_CONTROL = USAGE.Control;
/** EventId of the first row of test.csv; ids are consecutive in file order. */
export const FIRST_EVENT_ID = 1_000_000;
export const DEFAULT_PUBLIC_FRACTION = 0.3;

/** A GeneratedDataset plus the control events' ids and published mjj (GeV), which the server keeps for the gate. */
export type AnomalyDataset = GeneratedDataset & { control: { eventId: Int32Array; mjj: Float64Array } };

const SHUFFLE_STREAM = 0x5f1e;
const USAGE_STREAM = 0x0b5c_a7e5;

/**
 * Public (1) or Private (2) of each EventId by a keyed hash (ChaCha20 under the seed's key, Random.hashIndex):
 * stable per event, unguessable without the key.
 */
export function usageHash(seed: Seed, publicFraction: number): (eventId: number) => number {
  const hash = new Random(seed).fork(USAGE_STREAM);
  const threshold = publicFraction * 2 ** 32;
  return (eventId) => (hash.hashIndex(eventId) < threshold ? USAGE_PUBLIC : USAGE_PRIVATE);
}

/** A uniformly random permutation of 0..n-1 (the project generator's Fisher–Yates). */
export function shuffledOrder(n: number, rng: Random): Int32Array {
  return rng.permutation(n);
}

/** A downloadable file whose chunks can be read more than once (a generator object could be read only once). */
function file(filename: string, description: string, rows: number, chunks: () => Iterable<string>): GeneratedFile {
  return { filename, description, rows, chunks: { [Symbol.iterator]: () => chunks()[Symbol.iterator]() } };
}

/** Every event weighs 1: the metrics count events, there is no cross-section weighting to reproduce. */
function unitWeightSolution(eventId: Int32Array, label: Uint8Array, usage: Uint8Array): GeneratedSolution {
  return { eventId, label, weight: new Float64Array(eventId.length).fill(1), usage };
}

function checkPublicFraction(publicFraction: number): void {
  if (!(publicFraction > 0 && publicFraction < 1)) throw new RangeError(`publicFraction must be in (0, 1), got ${publicFraction}`);
}

/** A leaderboard subset without signal or without background: its metrics would be undefined. */
export class MissingClassError extends RangeError {
  override readonly name = "MissingClassError";
}

/** Signal and background counts per leaderboard subset, for the manifest; throws when a subset lacks a class. */
function subsetCounts(
  solution: GeneratedSolution,
  requireBoth: boolean,
): Record<"Public" | "Private", { signal: number; background: number }> {
  const counts = { Public: { signal: 0, background: 0 }, Private: { signal: 0, background: 0 } };
  solution.usage.forEach((usage, i) => {
    const subset = usage === USAGE_PUBLIC ? counts.Public : usage === USAGE_PRIVATE ? counts.Private : null;
    if (subset && solution.label[i] === 1) subset.signal++;
    else if (subset) subset.background++;
  });
  for (const [name, c] of Object.entries(counts)) {
    if (requireBoth && (c.signal === 0 || c.background === 0)) {
      throw new MissingClassError(
        `the ${name} subset has ${c.signal} signal and ${c.background} background events; it needs both (more test events or a larger signal fraction)`,
      );
    }
  }
  return counts;
}

export interface TrackAInput {
  /** Background-only training events (labels, if any, are not published). */
  train: AnomalyEvents;
  /** Test events with their true labels. */
  test: AnomalyEvents;
  /** Background-only control events. */
  control: AnomalyEvents;
  seed: Seed;
  publicFraction?: number;
  manifest: Record<string, unknown>;
}

export function trackADataset({
  train,
  test,
  control,
  seed,
  publicFraction = DEFAULT_PUBLIC_FRACTION,
  manifest,
}: TrackAInput): AnomalyDataset {
  checkPublicFraction(publicFraction);
  if (countSignal(train) > 0) throw new RangeError("the Track A training sample must be background only");
  if (countSignal(control) > 0) throw new RangeError("the control events must be background only");
  const nTest = test.label.length;
  const order = shuffledOrder(nTest + control.label.length, new Random(seed).fork(SHUFFLE_STREAM));
  const published = selectAnomalyEvents(concatAnomalyEvents(test, control), order);
  const n = order.length;
  const eventId = Int32Array.from({ length: n }, (_, k) => FIRST_EVENT_ID + k);
  const usageOf = usageHash(seed, publicFraction);
  const usage = Uint8Array.from(order, (source, k) => (source >= nTest ? USAGE_CONTROL : usageOf(eventId[k]!)));
  const solution = unitWeightSolution(eventId, published.label, usage);
  const controlRows = Int32Array.from(order.keys()).filter((k) => usage[k] === USAGE_CONTROL);
  const mjj = published.features[FEATURE.mjj]!;
  // The server keeps the control events' m_JJ (as published) beside their labels, for the mass-sculpting gate.
  solution.aux = Float64Array.from(order.keys(), (k) => (usage[k] === USAGE_CONTROL ? publishedValue(mjj[k]!, FEATURE.mjj) : Number.NaN));
  const files = [
    file("train.csv", "Background-only training events: mjj, mj1, delta_mj, tau21_1, tau21_2 (GeV), no label", train.label.length, () =>
      featuresCsv(train),
    ),
    file("test.csv", "Test events: EventId and the 5 features (no labels); some may be signal", n, () => eventsCsv(eventId, published)),
    file("sample_submission.csv", "A valid submission: EventId, score (higher = more anomalous)", n, () => sampleSubmissionCsv(eventId)),
  ];
  return {
    manifest: {
      ...manifest,
      track: "A",
      trainEvents: train.label.length,
      testEvents: nTest,
      controlEvents: control.label.length,
      signalEvents: countSignal(test),
      publicFraction,
      subsets: subsetCounts(solution, true),
    },
    files,
    solution,
    secrets: seedSecrets(seed),
    control: {
      eventId: Int32Array.from(controlRows, (k) => eventId[k]!),
      mjj: Float64Array.from(controlRows, (k) => publishedValue(mjj[k]!, FEATURE.mjj)),
    },
  };
}

/**
 * Track B: one unlabelled sample (`blackbox.csv`, EventId + features), with or without signal; the solution holds
 * the labels with Public/Private usage by the same hash. A null sample (no signal) is valid here.
 */
export function blackBoxDataset(
  events: AnomalyEvents,
  { seed, publicFraction = DEFAULT_PUBLIC_FRACTION, manifest }: { seed: Seed; publicFraction?: number; manifest: Record<string, unknown> },
): GeneratedDataset {
  checkPublicFraction(publicFraction);
  const n = events.label.length;
  const eventId = Int32Array.from({ length: n }, (_, k) => FIRST_EVENT_ID + k);
  const solution = unitWeightSolution(eventId, events.label, Uint8Array.from(eventId, usageHash(seed, publicFraction)));
  return {
    manifest: {
      ...manifest,
      track: "B",
      events: n,
      signalEvents: countSignal(events),
      publicFraction,
      subsets: subsetCounts(solution, false),
    },
    files: [
      file("blackbox.csv", "One sample of events: EventId and the 5 features; it may or may not contain a signal", n, () =>
        eventsCsv(eventId, events),
      ),
    ],
    solution,
    secrets: seedSecrets(seed),
  };
}
