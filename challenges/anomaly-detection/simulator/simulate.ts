/**
 * simulateAnomaly: the seeded toy Monte Carlo of the anomaly-detection challenge, QCD dijet background with a
 * W′(3.5 TeV) → X(500 GeV) Y(100 GeV) signal injected at an exact fraction, in the LHC Olympics 2020 R&D features.
 *
 * Reproducibility: every quantity has its own stream (Random.fork), and background and signal events draw from
 * separate streams, so the k-th background event is the same whatever the signal fraction (a null sample and an
 * injected one share their background, event by event, up to where the shorter one ends) and changing, say, the
 * τ21 model never moves an mjj value. The manifest returned holds everything needed to replay the sample.
 *
 * Worked example: { seed: 1, nEvents: 1000, signalFraction: 0.01 } gives exactly 10 signal events at positions
 * chosen by selection sampling; replayAnomalyManifest(manifest) returns the same 1000 × 5 numbers bit for bit.
 */
import { z } from "zod";
import { describeSeed, Random, type Seed } from "../../shared/random";
import { allocateAnomalyEvents, type AnomalyEvents } from "../schema";
import { invertSpectrum, tabulateDijet } from "./dijet-spectrum";
import { type Jet, qcdJet, resonanceJet, storeEvent } from "./jets";
import { type AnomalyParams, anomalyParamsSchema, DEFAULT_ANOMALY_PARAMS } from "./params";

export const ANOMALY_SIMULATOR = "anomaly-detection";
/** Bumped whenever a change alters the events of an existing manifest. */
export const ANOMALY_SIMULATOR_VERSION = 2;

/** Stream ids of Random.fork: fixed forever, since they define the datasets. */
export const STREAMS = {
  signalPositions: 1,
  backgroundMjj: 2,
  backgroundMass: 3,
  backgroundTau21: 4,
  signalMjj: 5,
  signalMass: 6,
  signalTau21: 7,
  signalMisreconstruction: 8,
} as const;

export interface AnomalyManifest {
  simulator: typeof ANOMALY_SIMULATOR;
  version: number;
  /** The typed integer seed, or "secret key" (a key is never written to a manifest). */
  seed: number | "secret key";
  nEvents: number;
  signalFraction: number;
  params: AnomalyParams;
}

export interface SimulateAnomalyOptions {
  seed: Seed;
  nEvents: number;
  /** Share of signal events, 0 (a null sample) to 1; the count is round(nEvents · signalFraction), exactly. */
  signalFraction: number;
  params?: AnomalyParams;
}

/** A signal peak this far outside the window cannot be sampled by rejection in reasonable time: a configuration error. */
const MAX_MJJ_TRIES = 10_000;

export function simulateAnomaly(opts: SimulateAnomalyOptions): { manifest: AnomalyManifest; events: AnomalyEvents } {
  const { seed, nEvents, signalFraction } = opts;
  const params: AnomalyParams = anomalyParamsSchema.parse(opts.params ?? DEFAULT_ANOMALY_PARAMS);
  if (!Number.isInteger(nEvents) || nEvents < 0 || nEvents >= 2 ** 31)
    throw new RangeError(`nEvents must be a non-negative int32, got ${nEvents}`);
  if (!(signalFraction >= 0 && signalFraction <= 1)) throw new RangeError(`signalFraction must be in [0, 1], got ${signalFraction}`);
  const root = new Random(seed);
  const rng = Object.fromEntries(Object.entries(STREAMS).map(([name, id]) => [name, root.fork(id)])) as Record<
    keyof typeof STREAMS,
    Random
  >;
  const spectrum = tabulateDijet(params.sqrtS, params.mjjRange, params.background.dijet, params.cdfPoints);
  const [lo, hi] = params.mjjRange;
  const bkg = params.background;
  const sig = params.signal;
  const events = allocateAnomalyEvents(nEvents);
  const a: Jet = { mass: 0, tau21: 0 };
  const b: Jet = { mass: 0, tau21: 0 };

  const daughter = (out: Jet, jet: typeof sig.x, mjj: number): void => {
    if (rng.signalMisreconstruction.uniform() < sig.misreconstructed) qcdJet(out, mjj, bkg, rng.signalMass, rng.signalTau21);
    else resonanceJet(out, jet, rng.signalMass, rng.signalTau21);
  };

  let signalLeft = Math.round(nEvents * signalFraction);
  for (let i = 0; i < nEvents; i++) {
    // Selection sampling (Knuth's algorithm S): exactly signalLeft of the remaining nEvents − i, uniformly placed.
    const isSignal = signalLeft > 0 && rng.signalPositions.uniform() * (nEvents - i) < signalLeft;
    if (isSignal) {
      signalLeft--;
      let mjj = NaN;
      for (let tries = 0; !(mjj >= lo && mjj <= hi); tries++) {
        if (tries === MAX_MJJ_TRIES)
          throw new RangeError(`the signal peak at ${sig.resonanceMass} GeV is outside the window [${lo}, ${hi}]`);
        mjj = rng.signalMjj.normal(sig.resonanceMass, sig.resonanceMass * sig.mjjResolution);
      }
      daughter(a, sig.x, mjj);
      daughter(b, sig.y, mjj);
      storeEvent(events.features, i, mjj, a, b);
      events.label[i] = 1;
    } else {
      const mjj = invertSpectrum(spectrum, rng.backgroundMjj.uniform());
      qcdJet(a, mjj, bkg, rng.backgroundMass, rng.backgroundTau21);
      qcdJet(b, mjj, bkg, rng.backgroundMass, rng.backgroundTau21);
      storeEvent(events.features, i, mjj, a, b);
    }
  }
  return {
    manifest: {
      simulator: ANOMALY_SIMULATOR,
      version: ANOMALY_SIMULATOR_VERSION,
      seed: describeSeed(seed),
      nEvents,
      signalFraction,
      params,
    },
    events,
  };
}

const manifestSchema = z
  .object({
    simulator: z.literal(ANOMALY_SIMULATOR),
    version: z.literal(ANOMALY_SIMULATOR_VERSION),
    seed: z.number().int().min(0),
    nEvents: z.number().int().min(0),
    signalFraction: z.number().min(0).max(1),
    params: anomalyParamsSchema,
  })
  .strict();

/** Re-simulates the sample a manifest describes (e.g. read back from the database); throws on a foreign or invalid manifest. */
export function replayAnomalyManifest(manifest: unknown): AnomalyEvents {
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "manifest"}: ${i.message}`).join("; ");
    throw new RangeError(`not a replayable anomaly-detection manifest (version ${ANOMALY_SIMULATOR_VERSION}): ${detail}`);
  }
  const { seed, nEvents, signalFraction, params } = parsed.data;
  return simulateAnomaly({ seed, nEvents, signalFraction, params }).events;
}
