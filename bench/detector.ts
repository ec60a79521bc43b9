/**
 * Detector-design challenge: speed of the scorer and what the baseline optimisers reach.
 * - scoreDesign on PRIVATE_TRACKS (1,000,000) tracks: an 8-layer v2 design (goal < 1 s) and the 4-layer v1 default.
 * - randomSearch (1,000 evaluations) and bayesianOptimisation (100) from the public seed, against the course's
 *   figures: default geometry 0.648, 1,000-point random search 0.844 (the course used 1,000 tracks).
 * Usage: npx tsx bench/detector.ts
 */
import {
  bayesianOptimisation,
  type Design,
  parseDesign,
  PRIVATE_TRACKS,
  PUBLIC_SEED,
  PUBLIC_TRACKS,
  randomSearch,
  scoreDesign,
} from "../challenges/detector-design";

function timed<T>(run: () => T): { value: T; seconds: number } {
  const start = performance.now();
  const value = run();
  return { value, seconds: (performance.now() - start) / 1000 };
}

const courseDefault = parseDesign("R,pitch,y1,y2,y3,z1,z2,z3\n1,4,0,0,0,2,4,6");
const eightLayers: Design = parseDesign(
  JSON.stringify({
    schema: "straw-tracker/v2",
    layers: Array.from({ length: 8 }, (_, i) => ({ z: 3 * i, y: (i * 0.5) % 4, pitch: 4, radius: 1 })),
  }),
);

for (const [name, design] of [
  ["v2, 8 layers", eightLayers],
  ["v1, 4 layers (course default)", courseDefault],
] as const) {
  scoreDesign(design, { seed: 1, tracks: 50_000 }); // warm-up so the JIT has compiled the hot loop
  const { value, seconds } = timed(() => scoreDesign(design, { seed: PUBLIC_SEED, tracks: PRIVATE_TRACKS }));
  console.log(
    `scoreDesign ${name}: ${PRIVATE_TRACKS.toLocaleString("en")} tracks in ${seconds.toFixed(3)} s ` +
      `(${Math.round(PRIVATE_TRACKS / seconds).toLocaleString("en")} tracks/s; goal < 1 s) ` +
      `-> primary ${value.primary.toFixed(4)} ± ${value.std.toFixed(4)}, efficiency ${value.efficiency.toFixed(4)}` +
      (value.cost === undefined ? "" : `, cost ${value.cost}, resolution ${value.resolution?.toFixed(4)} cm`),
  );
}

const publicDefault = scoreDesign(courseDefault, { seed: PUBLIC_SEED, tracks: PUBLIC_TRACKS }).primary;
console.log(`course default on the public tracks: ${publicDefault.toFixed(4)} (course: 0.648)`);

const milestones = (curve: number[], at: number[]): string =>
  at
    .filter((n) => n <= curve.length)
    .map((n) => `${n}: ${(curve[n - 1] as number).toFixed(4)}`)
    .join(", ");

const rs = timed(() => randomSearch({ evaluations: 1000, seed: PUBLIC_SEED }));
console.log(
  `randomSearch: best ${rs.value.bestScore.toFixed(4)} after ${rs.value.curve.length} evaluations in ${rs.seconds.toFixed(2)} s ` +
    `(course: 0.844 after 1,000) | best so far at ${milestones(rs.value.curve, [10, 50, 100, 300, 1000])} | ${JSON.stringify(rs.value.best)}`,
);
const bo = timed(() => bayesianOptimisation({ evaluations: 100, seed: PUBLIC_SEED }));
console.log(
  `bayesianOptimisation: best ${bo.value.bestScore.toFixed(4)} after ${bo.value.curve.length} evaluations in ${bo.seconds.toFixed(2)} s ` +
    `| best so far at ${milestones(bo.value.curve, [10, 20, 50, 100])} | ${JSON.stringify(bo.value.best)}`,
);
const firstAbove = (curve: number[], target: number): string => {
  const i = curve.findIndex((v) => v >= target);
  return i < 0 ? "never" : `after ${i + 1}`;
};
console.log(
  `evaluations to reach the course's random-search score 0.844: random ${firstAbove(rs.value.curve, 0.844)}, Bayesian ${firstAbove(bo.value.curve, 0.844)}`,
);
const privateBest = scoreDesign(bo.value.best, { seed: PUBLIC_SEED + 1, tracks: PRIVATE_TRACKS });
console.log(
  `Bayesian best re-scored on 1,000,000 tracks of another seed: ${privateBest.primary.toFixed(4)} ± ${privateBest.std.toFixed(4)} (public-seed overfit shows as a drop)`,
);
