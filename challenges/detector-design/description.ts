/**
 * Markdown description of the detector-design challenge, built from the same
 * constants the validator and scorer use so the text cannot drift from them.
 */
import { ACCEPTANCE_HALF_WIDTH, BUDGET, GENTLE_PENALTY_SLOPE, HARD_CAP, LAYER_COST, STEEP_PENALTY_SLOPE, TUBE_UNIT_COST } from "./cost";
import {
  DESIGN_RESOLUTION,
  LAYER_COUNT_RANGE,
  PITCH_RANGE,
  RADIUS_RANGE,
  V1_PITCH,
  V1_RADIUS,
  V1_SCHEMA,
  V2_SCHEMA,
  Z_RANGE,
} from "./design-schema";
import {
  DRIFT_SMEARING,
  HIT_EFFICIENCY,
  INTERCEPT_TOLERANCE,
  MIN_FIT_HITS,
  PRIVATE_TRACKS,
  PUBLIC_SEED,
  PUBLIC_TRACKS,
  SIMULATOR_VERSION,
} from "./simulate";
import { ANGLE_SIGMA, B_HALF_RANGE } from "./tracks";

const v1Example = `{"schema":"${V1_SCHEMA}","y":[0,0,0],"z":[2,4,6]}`;
const v2Example = JSON.stringify({
  schema: V2_SCHEMA,
  layers: [
    { z: 0, y: 0, pitch: 4, radius: 1 },
    { z: 2, y: 1, pitch: 4, radius: 1 },
    { z: 4, y: 2, pitch: 4, radius: 1 },
    { z: 6, y: 3, pitch: 4, radius: 1 },
  ],
});

export const detectorDescription = `# Design a straw-tube tracker

Place the layers of a small tracking detector so that as many particle tracks
as possible are seen. No data to download: you submit a detector geometry and
the platform's simulator shoots tracks through it.

## The physics

A **tracker** measures where charged particles pass. A **straw tube** is a thin
gas-filled tube with a wire along its axis: a particle crossing the tube ionises
the gas and the wire collects the charge, so the tube knows the particle passed
within its radius (and, from the drift time, at what distance from the wire).
One hit says little; the particle's straight path is reconstructed by joining
hits in several layers, so a good detector gives every track **at least two
hits** — and a real one three or more to fit a line and check it.

## Geometry

We look at the detector from the side: z is depth (the direction the particles
fly), y the height, lengths in cm. Each **layer** is a row of tubes at a depth
z, all of radius R, their centres every *pitch* cm along y (the row is long
enough that its ends never matter). A layer's **offset** is the y of one of its
tube centres, between 0 and the pitch.

**Tracks** are straight lines y = k z + b with the intercept b uniform in
[−${B_HALF_RANGE}, ${B_HALF_RANGE}] cm and the angle α (k = tan α) normal with mean 0 and
σ = ${ANGLE_SIGMA} rad. A tube at (z_t, y_t) is hit when the track passes closer than
its radius: |k z_t + b − y_t| · cos α < R.

## Version 1: the course's problem (\`${V1_SCHEMA}\`)

Four layers of tubes with R = ${V1_RADIUS} cm and pitch ${V1_PITCH} cm. Layer 0 sits at y = 0,
z = 0; you choose how each next layer is shifted from the one before it: y1, y2,
y3 in [0, ${V1_PITCH}) cm and z1, z2, z3 (at least 2R = ${2 * V1_RADIUS} cm, so the tubes of two
layers never overlap; the last layer at most ${Z_RANGE[1]} cm deep).

    ${v1Example}

is the course's default geometry (layers at z = 0, 2, 6, 12 cm, no shifts).
The course's one-row CSV is accepted as well, with R and pitch fixed at ${V1_RADIUS} and ${V1_PITCH}:

    R,pitch,y1,y2,y3,z1,z2,z3
    ${V1_RADIUS},${V1_PITCH},0,0,0,2,4,6

**Score:** the share of tracks that hit at least two tubes. The default scores
about 0.65; a random search of 1,000 geometries reaches 0.82–0.85, depending on its luck.

## Version 2: a real design with a budget (\`${V2_SCHEMA}\`)

From ${LAYER_COUNT_RANGE[0]} to ${LAYER_COUNT_RANGE[1]} layers, each with its own depth, offset, pitch and radius:

    ${v2Example}

| field | range |
|---|---|
| \`radius\` | ${RADIUS_RANGE[0]}–${RADIUS_RANGE[1]} cm |
| \`pitch\` | at least 2 × radius (tubes of a layer must not overlap), at most ${PITCH_RANGE[1]} cm |
| \`y\` (offset) | [0, pitch) |
| \`z\` | ${Z_RANGE[0]}–${Z_RANGE[1]} cm, strictly increasing, consecutive layers at least r + r′ apart |

**Cost:** a layer covers the ±${ACCEPTANCE_HALF_WIDTH} cm acceptance with ${2 * ACCEPTANCE_HALF_WIDTH} / pitch tubes, each costing
${TUBE_UNIT_COST} unit per cm of radius, plus ${LAYER_COST} units for the layer itself. The example
above costs 4 × (50 × 1 + ${LAYER_COST}) = 280. The **budget** is ${BUDGET} units; designs over the
**hard cap** of ${HARD_CAP} units are rejected.

**Reconstruction:** each layer measures the track at most once, in the tube
nearest to it, which records the hit with probability ${HIT_EFFICIENCY}. The drift distance
is measured with a resolution of ${DRIFT_SMEARING} cm (which side of the wire is taken from
the truth). A track is **reconstructed** when at least ${MIN_FIT_HITS} layers measured it and
the least-squares straight line through the measurements meets z = 0 within
${INTERCEPT_TOLERANCE} cm of the true b.

**Score:** efficiency − penalty, where efficiency is the share of reconstructed
tracks and penalty = ${GENTLE_PENALTY_SLOPE} × cost / ${BUDGET} + ${STEEP_PENALTY_SLOPE} × max(0, cost − ${BUDGET}) / ${BUDGET}: a gentle
slope that prefers the cheaper of two equally good detectors, and a steep one
over the budget. The result also shows the cost and the **resolution**, the RMS
of (fitted b − true b) over reconstructed tracks.

## Submitting and ranking

Submit the JSON (or, for version 1, the CSV). Every problem is reported with
where it is; nothing is silently corrected. Coordinates are rounded to
${DESIGN_RESOLUTION} cm, and two submissions of the same geometry are recognised as the same.

- **Public leaderboard:** ${PUBLIC_TRACKS.toLocaleString("en")} tracks from the published seed ${PUBLIC_SEED}, so
  you can reproduce your public score exactly — and also tune to these very tracks.
- **Private leaderboard:** ${PRIVATE_TRACKS.toLocaleString("en")} tracks from a secret seed, revealed at the end.
  It decides the ranking; a geometry tuned to the public tracks' luck falls back.
- **Statistical error:** every score comes with std = √(ε(1 − ε)/N). Two scores
  whose difference is within √(std₁² + std₂²) are shown as a **tie**.
- Scores are reproducible: the same design, seed and simulator version
  (\`${SIMULATOR_VERSION}\`) always give the same number.
`;
