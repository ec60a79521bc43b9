import { describe, expect, it } from "vitest";
import {
  bayesianOptimisation,
  designFromUnitCube,
  designSchema,
  GaussianProcess,
  parseDesign,
  PUBLIC_SEED,
  PUBLIC_TRACKS,
  randomSearch,
  scoreDesign,
} from "@/challenges/detector-design";
import { cholesky } from "@/challenges/detector-design/gaussian-process";

const COURSE_DEFAULT_SCORE = scoreDesign(parseDesign('{"schema":"straw-tracker/v1","y":[0,0,0],"z":[2,4,6]}'), {
  seed: PUBLIC_SEED,
  tracks: PUBLIC_TRACKS,
}).primary;

describe("Gaussian process", () => {
  it("factorises a symmetric positive-definite matrix exactly", () => {
    // [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]].
    expect(Array.from(cholesky(Float64Array.from([4, 2, 2, 3]), 2))).toEqual([2, 0, 1, Math.SQRT2]);
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite/);
  });

  it("interpolates its points and reproduces the documented worked example", () => {
    const gp = new GaussianProcess([[0], [1]], [0, 2], { lengthScale: 1, noise: 1e-6 });
    const middle = gp.predict([0.5]);
    expect(middle.mean).toBeCloseTo(1, 12);
    // sd² = 1 - kᵀ K⁻¹ k with k = (e^-1/8, e^-1/8), K = [[1, e^-1/2], [e^-1/2, 1]] (noise aside), in units of std(y) = 1.
    const k = Math.exp(-1 / 8);
    const c = Math.exp(-1 / 2);
    expect(middle.sd).toBeCloseTo(Math.sqrt(1 - (2 * k * k) / (1 + c)), 5);
    const atPoint = gp.predict([0]);
    expect(atPoint.mean).toBeCloseTo(0, 4);
    expect(atPoint.sd).toBeLessThan(0.002);
    // Far from the data the prediction returns to the mean with the full prior spread.
    const far = gp.predict([10]);
    expect(far.mean).toBeCloseTo(1, 10);
    expect(far.sd).toBeCloseTo(1, 10);
  });

  it("prefers the length scale that fits a smooth function (marginal likelihood)", () => {
    const x = Array.from({ length: 12 }, (_, i) => [i / 11]);
    const y = x.map(([v]) => Math.sin(3 * (v as number)));
    const lml = (lengthScale: number): number => new GaussianProcess(x, y, { lengthScale, noise: 1e-4 }).logMarginalLikelihood;
    expect(lml(0.4)).toBeGreaterThan(lml(0.02));
  });
});

describe("optimisers", () => {
  it("map every point of the unit cube to a valid, already rounded v1 design", () => {
    for (const u of [
      [0, 0, 0, 0, 0, 0],
      [1, 1, 1, 1, 1, 1],
      [0.12345, 0.5, 0.99999, 0.3, 0.7, 0.0001],
    ]) {
      const d = designFromUnitCube(u);
      expect(designSchema.parse(d)).toEqual(d);
    }
    expect(designFromUnitCube([1, 1, 1, 1, 1, 1])).toEqual({
      schema: "straw-tracker/v1",
      y: [3.999, 3.999, 3.999],
      z: [9.999, 9.999, 9.999],
    });
  });

  it("random search is reproducible and reports its best-so-far curve", () => {
    const a = randomSearch({ evaluations: 30, seed: 7 });
    expect(randomSearch({ evaluations: 30, seed: 7 })).toEqual(a);
    expect(a.curve).toHaveLength(30);
    expect(a.curve.every((v, i) => i === 0 || v >= (a.curve[i - 1] as number))).toBe(true);
    expect(a.curve.at(-1)).toBe(a.bestScore);
    expect(scoreDesign(a.best, { seed: PUBLIC_SEED, tracks: PUBLIC_TRACKS }).primary).toBe(a.bestScore);
    expect(randomSearch({ evaluations: 30, seed: 8 }).best).not.toEqual(a.best);
  });

  it("Bayesian optimisation is reproducible and beats both the course's default and random search of the same size", () => {
    const bo = bayesianOptimisation({ evaluations: 40, seed: 3, initial: 10 });
    expect(bayesianOptimisation({ evaluations: 40, seed: 3, initial: 10 })).toEqual(bo);
    expect(bo.curve).toHaveLength(40);
    expect(scoreDesign(bo.best, { seed: PUBLIC_SEED, tracks: PUBLIC_TRACKS }).primary).toBe(bo.bestScore);
    expect(bo.bestScore).toBeGreaterThan(COURSE_DEFAULT_SCORE + 0.15);
    expect(bo.bestScore).toBeGreaterThan(randomSearch({ evaluations: 40, seed: 3 }).bestScore);
  });

  it("refuses a non-positive evaluation count", () => {
    expect(() => randomSearch({ evaluations: 0, seed: 1 })).toThrow(RangeError);
    expect(() => bayesianOptimisation({ evaluations: 5, seed: 1, initial: 0 })).toThrow(RangeError);
  });
});
