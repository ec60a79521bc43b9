/**
 * Baseline optimisers for the v1 geometry, both scored like the public
 * leaderboard (PUBLIC_SEED, PUBLIC_TRACKS): random search, and Bayesian
 * optimisation with a Gaussian process (RBF kernel, length scale and noise
 * chosen by marginal likelihood on a small grid each step) and an
 * upper-confidence-bound acquisition μ + κσ maximised over random candidates,
 * half uniform over the box and half scattered around the best point so far.
 *
 * The search box is the unit cube [0, 1)^6 mapped to the three y shifts in
 * [0, 4) cm and the three z gaps in [2, 10) cm (touching layers up to 10 cm
 * apart), both floored to the design resolution so every point is a valid
 * design. The same seed always gives the same run.
 *
 * Worked example: randomSearch({ evaluations: 3, seed: 1 }) scores three
 * random geometries and returns the best with curve [s1, max(s1, s2),
 * max(s1, s2, s3)]; bayesianOptimisation({ evaluations: 40, seed: 1 }) starts
 * with the same kind of random points, then proposes the other 30.
 */
import { Random } from "../shared/random";
import { DESIGN_RESOLUTION, type DesignV1, V1_PITCH, V1_RADIUS, V1_SCHEMA } from "./design-schema";
import { GaussianProcess } from "./gaussian-process";
import { PUBLIC_SEED, PUBLIC_TRACKS, scoreDesign } from "./simulate";

export interface OptimisationResult {
  best: DesignV1;
  bestScore: number;
  /** Best score so far after each evaluation. */
  curve: number[];
}

/** z gaps searched: from touching layers (2R) to this many cm. */
export const MAX_Z_GAP = 10;
const DIMENSIONS = 6;
const UCB_KAPPA = 2;
const CANDIDATES = 1000;
const LOCAL_SPREAD = 0.05;
const LENGTH_SCALES = [0.1, 0.2, 0.4, 0.8];
const NOISES = [1e-3, 1e-2, 1e-1];

function floorToResolution(x: number): number {
  return Math.floor(x / DESIGN_RESOLUTION) / (1 / DESIGN_RESOLUTION);
}

/** The v1 design at a point of the unit cube (coordinates 0–2: y shifts, 3–5: z gaps). */
export function designFromUnitCube(u: ArrayLike<number>): DesignV1 {
  const at = (i: number): number => Math.min(Math.max(u[i] as number, 0), 1 - 1e-9);
  const zGap = (i: number): number => floorToResolution(2 * V1_RADIUS + (MAX_Z_GAP - 2 * V1_RADIUS) * at(i));
  return {
    schema: V1_SCHEMA,
    y: [floorToResolution(V1_PITCH * at(0)), floorToResolution(V1_PITCH * at(1)), floorToResolution(V1_PITCH * at(2))],
    z: [zGap(3), zGap(4), zGap(5)],
  };
}

function publicScore(design: DesignV1): number {
  return scoreDesign(design, { seed: PUBLIC_SEED, tracks: PUBLIC_TRACKS }).primary;
}

function uniformPoint(rng: Random): Float64Array {
  return Float64Array.from({ length: DIMENSIONS }, () => rng.uniform());
}

function checkEvaluations(evaluations: number): void {
  if (!Number.isSafeInteger(evaluations) || evaluations < 1)
    throw new RangeError(`evaluations must be a positive integer, got ${evaluations}`);
}

/** Keeps the best design and the best-so-far curve as points are scored. */
class Tracker {
  best: DesignV1 | undefined;
  bestScore = -Infinity;
  readonly curve: number[] = [];
  readonly points: Float64Array[] = [];
  readonly scores: number[] = [];

  evaluate(point: Float64Array): void {
    const design = designFromUnitCube(point);
    const score = publicScore(design);
    if (score > this.bestScore) {
      this.bestScore = score;
      this.best = design;
    }
    this.points.push(point);
    this.scores.push(score);
    this.curve.push(this.bestScore);
  }

  result(): OptimisationResult {
    return { best: this.best as DesignV1, bestScore: this.bestScore, curve: this.curve };
  }
}

export function randomSearch(opts: { evaluations: number; seed: number }): OptimisationResult {
  checkEvaluations(opts.evaluations);
  const rng = new Random(opts.seed).fork(0);
  const tracker = new Tracker();
  for (let i = 0; i < opts.evaluations; i++) tracker.evaluate(uniformPoint(rng));
  return tracker.result();
}

/** The GP with the highest marginal likelihood over the (length scale, noise) grid. */
function bestModel(points: Float64Array[], scores: number[]): GaussianProcess {
  let best: GaussianProcess | undefined;
  for (const lengthScale of LENGTH_SCALES) {
    for (const noise of NOISES) {
      const gp = new GaussianProcess(points, scores, { lengthScale, noise });
      if (!best || gp.logMarginalLikelihood > best.logMarginalLikelihood) best = gp;
    }
  }
  return best as GaussianProcess;
}

export function bayesianOptimisation(opts: { evaluations: number; seed: number; initial?: number }): OptimisationResult {
  checkEvaluations(opts.evaluations);
  const initial = Math.min(opts.initial ?? 10, opts.evaluations);
  if (!Number.isSafeInteger(initial) || initial < 1) throw new RangeError(`initial must be a positive integer, got ${opts.initial}`);
  const root = new Random(opts.seed);
  const start = root.fork(0);
  const proposals = root.fork(1);
  const tracker = new Tracker();
  for (let i = 0; i < initial; i++) tracker.evaluate(uniformPoint(start));

  const candidate = new Float64Array(DIMENSIONS);
  for (let e = initial; e < opts.evaluations; e++) {
    const gp = bestModel(tracker.points, tracker.scores);
    const incumbent = tracker.points[tracker.scores.indexOf(Math.max(...tracker.scores))] as Float64Array;
    let bestAcquisition = -Infinity;
    let next = uniformPoint(proposals);
    for (let c = 0; c < CANDIDATES; c++) {
      const local = c % 2 === 1;
      for (let d = 0; d < DIMENSIONS; d++) {
        const v = local ? (incumbent[d] as number) + proposals.normal(0, LOCAL_SPREAD) : proposals.uniform();
        candidate[d] = Math.min(Math.max(v, 0), 1 - 1e-9);
      }
      const { mean, sd } = gp.predict(candidate);
      if (mean + UCB_KAPPA * sd > bestAcquisition) {
        bestAcquisition = mean + UCB_KAPPA * sd;
        next = Float64Array.from(candidate);
      }
    }
    tracker.evaluate(next);
  }
  return tracker.result();
}
