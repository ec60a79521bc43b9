/**
 * Deterministic Monte Carlo score of a straw-tube tracker design.
 *
 * v1 (the course's score): the share of tracks that hit at least two tubes.
 * v2: each layer gives at most one measurement, from the tube nearest the
 * track, kept with probability HIT_EFFICIENCY. Its drift distance is smeared by
 * a normal of σ = DRIFT_SMEARING cm and the left–right ambiguity is resolved
 * from the truth, so the measured crossing is y_c + σ n / cos α. A track is
 * reconstructed when it has at least MIN_FIT_HITS measurements and the
 * least-squares line through them (y on z) meets z = 0 within
 * INTERCEPT_TOLERANCE of the true b. Score = efficiency - budgetPenalty(cost);
 * resolution = RMS of (fitted b - true b) over reconstructed tracks.
 * std = sqrt(ε(1 - ε) / N), the binomial error of the efficiency (the
 * penalty is exact).
 *
 * Cost O(tracks × layers), no allocation per track.
 *
 * Worked example: the course's default v1 geometry y = (0, 0, 0),
 * z = (2, 4, 6) (layers at z = 0, 2, 6, 12, all at offset 0) scores 0.6598 on
 * the public tracks (0.659 on 1,000,000): a straight track crossing within
 * ±1 cm of a tube centre hits all four layers, otherwise none, and the angle
 * spreads that. Shifting the layers by y = (1, 2, 3) (offsets 0, 1, 3, 2)
 * scores 0.7177.
 */
import { budgetPenalty, designCost } from "./cost";
import { type Design, designLayers, V1_SCHEMA } from "./design-schema";
import { designHash } from "./design-hash";
import { drawTrack, newTrack, type TrackStreams, trackStreams, tubesHit } from "./tracks";
import { describeSeed, type Seed } from "../shared/random";

/** The published seed of the public leaderboard's tracks. */
export const PUBLIC_SEED = 20_240_611;
export const PUBLIC_TRACKS = 10_000;
export const PRIVATE_TRACKS = 1_000_000;
export const SIMULATOR_VERSION = "straw-tracker-sim/2";
export const GENERATOR = "ChaCha20 keystream (challenges/shared/random.ts), streams 0-3: b, α, efficiency, smearing";

/** v2: probability that a crossed tube records the hit. */
export const HIT_EFFICIENCY = 0.98;
/** v2: standard deviation of the measured drift distance, cm (200 µm). */
export const DRIFT_SMEARING = 0.02;
/** v2: a reconstructed track needs this many measured layers... */
export const MIN_FIT_HITS = 3;
/** ...and its fitted intercept within this distance of the true b, cm. */
export const INTERCEPT_TOLERANCE = 0.1;

export interface DesignScore {
  primary: number;
  std: number;
  efficiency: number;
  tracks: number;
  /** The public integer seed; "secret key" for a private board's key, which a score never shows. */
  seed: number | "secret key";
  simulatorVersion: string;
  generator: string;
  designHash: string;
  cost?: number;
  penalty?: number;
  resolution?: number;
}

export interface ScoreOptions {
  seed: Seed;
  tracks: number;
}

/** The layers as columns, read in the hot loop. */
interface Columns {
  n: number;
  z: Float64Array;
  y: Float64Array;
  pitch: Float64Array;
  radius: Float64Array;
}

function columns(design: Design): Columns {
  const layers = designLayers(design);
  return {
    n: layers.length,
    z: Float64Array.from(layers, (l) => l.z),
    y: Float64Array.from(layers, (l) => l.y),
    pitch: Float64Array.from(layers, (l) => l.pitch),
    radius: Float64Array.from(layers, (l) => l.radius),
  };
}

/** Tracks hitting at least two tubes (v1). */
function countTwoTubeTracks(c: Columns, streams: TrackStreams, tracks: number): number {
  const track = newTrack();
  let good = 0;
  for (let t = 0; t < tracks; t++) {
    drawTrack(streams, track);
    let hits = 0;
    for (let i = 0; i < c.n; i++) {
      const p = c.pitch[i] as number;
      hits += tubesHit((track.k * (c.z[i] as number) + track.b - (c.y[i] as number)) / p, (c.radius[i] as number) / (p * track.cosAlpha));
    }
    if (hits >= 2) good++;
  }
  return good;
}

/** Reconstructed tracks and the sum of their squared intercept errors (v2). */
function reconstruct(c: Columns, streams: TrackStreams, tracks: number): { good: number; sumSquares: number } {
  const track = newTrack();
  let good = 0;
  let sumSquares = 0;
  for (let t = 0; t < tracks; t++) {
    drawTrack(streams, track);
    let hits = 0;
    let sz = 0;
    let szz = 0;
    let sy = 0;
    let szy = 0;
    for (let i = 0; i < c.n; i++) {
      // Fixed draws per layer (see tracks.ts), taken before the geometry decides whether they matter.
      const efficient = streams.efficiency.uniform() < HIT_EFFICIENCY;
      const noise = streams.smearing.normal();
      const z = c.z[i] as number;
      const p = c.pitch[i] as number;
      const yc = track.k * z + track.b;
      if (!efficient || tubesHit((yc - (c.y[i] as number)) / p, (c.radius[i] as number) / (p * track.cosAlpha)) === 0) continue;
      const y = yc + (DRIFT_SMEARING * noise) / track.cosAlpha;
      hits++;
      sz += z;
      szz += z * z;
      sy += y;
      szy += z * y;
    }
    if (hits < MIN_FIT_HITS) continue;
    const residual = (szz * sy - sz * szy) / (hits * szz - sz * sz) - track.b;
    if (Math.abs(residual) < INTERCEPT_TOLERANCE) {
      good++;
      sumSquares += residual * residual;
    }
  }
  return { good, sumSquares };
}

/** Scores a validated design on `tracks` tracks of `seed`; the same inputs always give the same score. */
export function scoreDesign(design: Design, opts: ScoreOptions): DesignScore {
  const { seed, tracks } = opts;
  if (!Number.isSafeInteger(tracks) || tracks < 1) throw new RangeError(`tracks must be a positive integer, got ${tracks}`);
  const c = columns(design);
  const streams = trackStreams(seed);
  const common = {
    tracks,
    seed: describeSeed(seed),
    simulatorVersion: SIMULATOR_VERSION,
    generator: GENERATOR,
    designHash: designHash(design),
  };
  const std = (e: number): number => Math.sqrt((e * (1 - e)) / tracks);
  if (design.schema === V1_SCHEMA) {
    const efficiency = countTwoTubeTracks(c, streams, tracks) / tracks;
    return { primary: efficiency, std: std(efficiency), efficiency, ...common };
  }
  const { good, sumSquares } = reconstruct(c, streams, tracks);
  const efficiency = good / tracks;
  const cost = designCost(design.layers);
  const penalty = budgetPenalty(cost);
  const resolution = good > 0 ? Math.sqrt(sumSquares / good) : 0;
  return { primary: efficiency - penalty, std: std(efficiency), efficiency, ...common, cost, penalty, resolution };
}

/** Whether two scores differ by no more than their combined statistical error, sqrt(σa² + σb²). */
export function isTie(a: DesignScore, b: DesignScore): boolean {
  return Math.abs(a.primary - b.primary) <= Math.hypot(a.std, b.std);
}
