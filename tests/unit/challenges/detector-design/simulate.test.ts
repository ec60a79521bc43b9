import { describe, expect, it } from "vitest";
import {
  ANGLE_SIGMA,
  type Design,
  type DesignScore,
  DRIFT_SMEARING,
  designLayers,
  HIT_EFFICIENCY,
  isTie,
  type Layer,
  parseDesign,
  PUBLIC_SEED,
  PUBLIC_TRACKS,
  sampleTracks,
  scoreDesign,
  SIMULATOR_VERSION,
} from "@/challenges/detector-design";

const COURSE_DEFAULT = parseDesign('{"schema":"straw-tracker/v1","y":[0,0,0],"z":[2,4,6]}');
const STAGGERED = parseDesign('{"schema":"straw-tracker/v1","y":[1,2,3],"z":[2,4,6]}');
const v2 = (layers: Layer[]): Design => ({ schema: "straw-tracker/v2", layers });
/** The staggered v1 geometry's layers, described as v2. */
const STAGGERED_V2 = v2(designLayers(STAGGERED));
const publicScore = (d: Design): DesignScore => scoreDesign(d, { seed: PUBLIC_SEED, tracks: PUBLIC_TRACKS });

/** ∫ f(α) N(α; 0, σ) dα by Simpson's rule over ±8σ (the tails beyond add < 1e-14). */
function overAngle(f: (alpha: number) => number): number {
  const steps = 4000;
  const lo = -8 * ANGLE_SIGMA;
  const h = (16 * ANGLE_SIGMA) / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const a = lo + i * h;
    const weight = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
    sum += weight * f(a) * Math.exp(-0.5 * (a / ANGLE_SIGMA) ** 2);
  }
  return (sum * h) / 3 / (ANGLE_SIGMA * Math.sqrt(2 * Math.PI));
}

/**
 * P(a v1 track hits ≥ 2 tubes), integrated without sampling: b spans exactly 50 pitches, so b mod pitch is
 * uniform; for a given α each layer is hit on an arc of the pitch circle, and the share of the circle covered
 * by at least two arcs follows from sorting the arcs' ends. (Valid while no arc exceeds the pitch: |α| < 60°.)
 */
function analyticTwoTubeShare(layers: readonly Layer[]): number {
  const p = layers[0]?.pitch as number;
  const mod = (x: number): number => ((x % p) + p) % p;
  return overAngle((alpha) => {
    const k = Math.tan(alpha);
    const h = (layers[0]?.radius as number) / Math.cos(alpha);
    if (2 * h >= p) return 1; // |α| > 60°: every layer is hit, negligible weight anyway
    const centres = layers.map((l) => mod(l.y - k * l.z));
    const cuts = [0, p, ...centres.flatMap((c) => [mod(c - h), mod(c + h)])].sort((a, b) => a - b);
    let covered = 0;
    for (let i = 1; i < cuts.length; i++) {
      const mid = ((cuts[i - 1] as number) + (cuts[i] as number)) / 2;
      const hits = centres.filter((c) => Math.min(mod(mid - c), mod(c - mid)) < h).length;
      if (hits >= 2) covered += (cuts[i] as number) - (cuts[i - 1] as number);
    }
    return covered / p;
  });
}

describe("scoreDesign: recorded reference scores", () => {
  it("scores the course's default geometry exactly as recorded (the course reports 0.648)", () => {
    const s = publicScore(COURSE_DEFAULT);
    expect(s).toEqual({
      primary: 0.6598,
      std: Math.sqrt((0.6598 * 0.3402) / 10_000),
      efficiency: 0.6598,
      tracks: 10_000,
      seed: PUBLIC_SEED,
      simulatorVersion: SIMULATOR_VERSION,
      generator: "ChaCha20 keystream (challenges/shared/random.ts), streams 0-3: b, α, efficiency, smearing",
      designHash: "79a9970690a19314f0c7d0e34dcd76a1f2b96008253f3ea9fcabe0953f4f95f7",
    });
    expect(scoreDesign(COURSE_DEFAULT, { seed: PUBLIC_SEED, tracks: 100_000 }).primary).toBe(0.65984);
  });

  it("scores the staggered geometry exactly as recorded", () => {
    expect(publicScore(STAGGERED).primary).toBe(0.7177);
    expect(scoreDesign(STAGGERED, { seed: PUBLIC_SEED, tracks: 100_000 }).primary).toBe(0.71972);
  });

  it("scores a v2 design exactly as recorded, with its cost, penalty and resolution", () => {
    const s = publicScore(STAGGERED_V2);
    expect(s.efficiency).toBe(0.2963);
    expect(s.cost).toBe(280);
    expect(s.penalty).toBeCloseTo(0.035, 15);
    expect(s.primary).toBeCloseTo(0.2963 - 0.035, 15);
    expect(s.resolution).toBeCloseTo(0.0178698014281381, 14);
    expect(s.designHash).toBe("ab332c981589a6e36dce81b4c6965b1bac33d3c8d79fdb5de1fc10849c551979");
  });

  it("rejects an infeasible design before it can be scored", () => {
    expect(() => parseDesign('{"schema":"straw-tracker/v1","y":[0,0,0],"z":[1,4,6]}')).toThrow(/tubes would overlap/);
  });
});

describe("scoreDesign: analytic cross-checks (within 4σ)", () => {
  const N = 400_000;

  it.each([
    ["the course's default", COURSE_DEFAULT],
    ["the staggered geometry", STAGGERED],
  ])("v1 share of tracks with two hits matches the integral over b and α for %s", (_, design) => {
    const expected = analyticTwoTubeShare(designLayers(design));
    const s = scoreDesign(design, { seed: 99, tracks: N });
    expect(Math.abs(s.efficiency - expected)).toBeLessThan(4 * s.std);
  });

  it("the integral itself reproduces the long-run value of the course's default (sanity of the check)", () => {
    expect(analyticTwoTubeShare(designLayers(COURSE_DEFAULT))).toBeCloseTo(0.6577, 3);
  });

  it("v2 with touching tubes: efficiency is the binomial chance of ≥ 3 efficient layers, resolution the LSQ error", () => {
    const full = (n: number): Design => v2(Array.from({ length: n }, (_, i) => ({ z: 2 * i, y: 0, pitch: 2, radius: 1 })));
    const e = HIT_EFFICIENCY;
    const three = scoreDesign(full(3), { seed: 5, tracks: N });
    expect(Math.abs(three.efficiency - e ** 3)).toBeLessThan(4 * three.std);
    const four = scoreDesign(full(4), { seed: 5, tracks: N });
    expect(Math.abs(four.efficiency - (e ** 4 + 4 * e ** 3 * (1 - e)))).toBeLessThan(4 * four.std);
    // Three hits at z = 0, 2, 4: var(b̂) = σ² Σz² / (n Σz² − (Σz)²) = σ² · 20/24, σ = DRIFT_SMEARING / cos α.
    const expectedRms = DRIFT_SMEARING * Math.sqrt((20 / 24) * overAngle((a) => 1 / Math.cos(a) ** 2));
    expect(Math.abs((three.resolution as number) / expectedRms - 1)).toBeLessThan(0.01);
  });
});

describe("scoreDesign: determinism and independent streams", () => {
  it("gives the same score for the same inputs, another for another seed", () => {
    expect(scoreDesign(STAGGERED_V2, { seed: 3, tracks: 5000 })).toEqual(scoreDesign(STAGGERED_V2, { seed: 3, tracks: 5000 }));
    expect(scoreDesign(STAGGERED_V2, { seed: 4, tracks: 5000 }).efficiency).not.toBe(
      scoreDesign(STAGGERED_V2, { seed: 3, tracks: 5000 }).efficiency,
    );
  });

  it("v2's efficiency and smearing draws never shift the tracks v1 sees", () => {
    const a = sampleTracks(STAGGERED, { seed: 11, count: 300 }).tracks;
    const b = sampleTracks(STAGGERED_V2, { seed: 11, count: 300 }).tracks;
    expect(b.map(({ k, b: intercept }) => [k, intercept])).toEqual(a.map(({ k, b: intercept }) => [k, intercept]));
    // Without inefficiency the v2 description fires the same tubes; with it, about 2% of them are missing.
    const fired = (t: typeof a): number => t.reduce((s, x) => s + x.hits.length, 0);
    expect(fired(b) / fired(a)).toBeGreaterThan(0.95);
    expect(fired(b)).toBeLessThan(fired(a));
  });

  it("refuses nonsense options", () => {
    expect(() => scoreDesign(COURSE_DEFAULT, { seed: 1, tracks: 0 })).toThrow(RangeError);
    expect(() => scoreDesign(COURSE_DEFAULT, { seed: 1.5, tracks: 10 })).toThrow(RangeError);
    expect(() => scoreDesign(COURSE_DEFAULT, { seed: new Uint8Array(8), tracks: 10 })).toThrow(RangeError);
  });
});

describe("sampleTracks", () => {
  it("returns the scorer's first tracks with the tubes they hit, and the tubes within ±30 cm", () => {
    const { tracks, tubes } = sampleTracks(COURSE_DEFAULT, { seed: 1, count: 5 });
    expect(tubes).toHaveLength(4 * 15);
    expect(tubes.every((t) => Math.abs(t.y) <= 30 && t.r === 1)).toBe(true);
    expect(tracks[2]).toEqual({
      k: -0.08693042386910758,
      b: -87.55472735501826,
      hits: [0, 2, 6, 12].map((z, layer) => ({ layer, z, y: -88 })),
    });
    // A steep track (α ≈ −27°) misses two layers and crosses the others in different tubes.
    expect(tracks[3]?.hits).toEqual([
      { layer: 1, z: 2, y: 68 },
      { layer: 3, z: 12, y: 64 },
    ]);
    // Every listed hit really is within a radius of the track.
    for (const t of tracks) {
      for (const h of t.hits) expect(Math.abs(t.k * h.z + t.b - h.y) * Math.cos(Math.atan(t.k))).toBeLessThan(1);
    }
  });
});

describe("isTie", () => {
  const score = (primary: number, std: number): DesignScore => ({ ...publicScore(COURSE_DEFAULT), primary, std });
  it("is a tie within the combined error sqrt(σa² + σb²), not beyond", () => {
    expect(isTie(score(0.8, 0.003), score(0.8049, 0.004))).toBe(true);
    expect(isTie(score(0.8, 0.003), score(0.7951, 0.004))).toBe(true);
    expect(isTie(score(0.8, 0.003), score(0.8051, 0.004))).toBe(false);
    expect(isTie(publicScore(COURSE_DEFAULT), publicScore(STAGGERED))).toBe(false);
  });
});
