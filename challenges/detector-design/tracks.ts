/**
 * Track generation and tube geometry shared by the scorer and the track
 * picture, so both see the same tracks for a seed.
 *
 * Tracks are straight lines y = k z + b with b uniform in [-100, 100] cm and
 * angle α normal (σ = 0.2 rad), k = tan α. Each quantity has its own stream of
 * the seed (Random.fork): b, α, the hit-efficiency draws and the drift smearing,
 * so v2's extra draws never shift the tracks v1 sees, and every track draws a
 * fixed count from each stream (one efficiency and one smearing draw per layer,
 * hit or not) so changing one layer never reshuffles another layer's draws.
 *
 * Geometry: a layer is an infinite periodic row of tubes (centres at
 * y + n × pitch, n any integer; the ±100 cm acceptance is far from its ends).
 * A tube at (z_t, y_t) is hit when the perpendicular distance
 * |k z_t + b - y_t| cos α is below its radius, i.e. when its centre lies within
 * w = r / (pitch cos α) pitches of the crossing point u = (y_c - y) / pitch.
 * The number of such tubes is the count of integers in (u - w, u + w), computed
 * in O(1) (tubesHit): this is the nearest tube, plus its neighbours when the
 * radius reaches half the pitch (v2's touching tubes, or very steep tracks).
 *
 * Worked example: a layer at y = 0 with pitch 4 and R = 1, a track with α = 0
 * crossing at y_c = 4.5: u = 1.125, w = 0.25, and (0.875, 1.375) holds one
 * integer, so one tube (the one at y = 4) is hit; at y_c = 6, u = 1.5 holds none.
 */
import { Random, type Seed } from "../shared/random";

/** Intercepts are uniform in [-B_HALF_RANGE, B_HALF_RANGE] cm. */
export const B_HALF_RANGE = 100;
/** Standard deviation of the track angle α, radians. */
export const ANGLE_SIGMA = 0.2;

export interface TrackStreams {
  intercept: Random;
  angle: Random;
  efficiency: Random;
  smearing: Random;
}

export function trackStreams(seed: Seed): TrackStreams {
  const root = new Random(seed);
  return { intercept: root.fork(0), angle: root.fork(1), efficiency: root.fork(2), smearing: root.fork(3) };
}

/** One track, reused across draws so the hot loop allocates nothing. */
export interface Track {
  b: number;
  k: number;
  /** |cos α|: the factor from a distance along y to the perpendicular distance. */
  cosAlpha: number;
}

export function newTrack(): Track {
  return { b: 0, k: 0, cosAlpha: 1 };
}

export function drawTrack(streams: TrackStreams, out: Track): void {
  out.b = streams.intercept.between(-B_HALF_RANGE, B_HALF_RANGE);
  const alpha = streams.angle.normal(0, ANGLE_SIGMA);
  out.k = Math.tan(alpha);
  out.cosAlpha = Math.abs(Math.cos(alpha));
}

/** Number of integers n with |u - n| < w: tubes hit, with u and w in units of the pitch. */
export function tubesHit(u: number, w: number): number {
  return Math.ceil(u + w) - Math.floor(u - w) - 1;
}
