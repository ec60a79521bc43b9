import type { BaselineEntry, BuiltInChallenge, GeneratedFile } from "../built-in";
import { CSV_HEADER } from "./parse-design";
import { detectorDescription } from "./description";
import { bayesianOptimisation, randomSearch } from "./optimise";
import { canonicalDesignJson } from "./design-hash";
import { PRIVATE_TRACKS, PUBLIC_SEED, PUBLIC_TRACKS, SIMULATOR_VERSION } from "./simulate";
import { V1_PITCH, V1_RADIUS, V1_SCHEMA, V2_SCHEMA } from "./design-schema";
import { keyToHex } from "../shared/random";

const DAY_MS = 86_400_000;

function textFile(filename: string, description: string, text: string): GeneratedFile {
  return { filename, description, rows: text.trimEnd().split("\n").length, chunks: [text] };
}

/** Starting points competitors can download and edit: the course's default geometry in each accepted format. */
const EXAMPLES: GeneratedFile[] = [
  textFile(
    "example-v1.json",
    "The course's default geometry as a v1 design (JSON).",
    `{"schema":"${V1_SCHEMA}","y":[0,0,0],"z":[2,4,6]}\n`,
  ),
  textFile(
    "example-v1.csv",
    "The same design in the course's one-row CSV.",
    `${CSV_HEADER.join(",")}\n${V1_RADIUS},${V1_PITCH},0,0,0,2,4,6\n`,
  ),
  textFile(
    "example-v2.json",
    "A v2 design: free number of layers, pitch and radius per layer, with a cost.",
    JSON.stringify({ schema: V2_SCHEMA, layers: [0, 2, 6, 12].map((z, i) => ({ z, y: i % 2, pitch: 4, radius: 1 })) }, null, 2) + "\n",
  ),
];

/** Random search and Bayesian optimisation from the public seed: the benchmarks to beat, with their curves. */
export function detectorBaselines(): BaselineEntry[] {
  return [
    {
      name: "Random search (1,000 designs)",
      method: "random search over the v1 parameters",
      run: () => randomSearch({ evaluations: 1000, seed: 1 }),
    },
    {
      name: "Bayesian optimisation (100 designs)",
      method: "Gaussian process (RBF) with an upper-confidence-bound acquisition",
      run: () => bayesianOptimisation({ evaluations: 100, seed: 1 }),
    },
  ].map(({ name, method, run }) => {
    const t0 = performance.now();
    const result = run();
    const seconds = (performance.now() - t0) / 1000;
    return {
      name,
      filename: "design.json",
      content: canonicalDesignJson(result.best) + "\n",
      modelCard: {
        family: "optimiser",
        method,
        evaluations: result.curve.length,
        evaluatedOn: `${PUBLIC_TRACKS} tracks from the public seed ${PUBLIC_SEED}`,
        bestPublicScore: result.bestScore,
        trainingSeconds: Number(seconds.toFixed(2)),
        curve: result.curve,
      },
    };
  });
}

export const detectorBuiltIn: BuiltInChallenge = {
  slug: "straw-tracker",
  kind: "detector-design",
  title: "Design a straw-tube tracker",
  summary:
    "Place four (or up to eight) layers of straw tubes to catch as many tracks as possible within a budget. The server simulates every design.",
  description: detectorDescription,
  metricId: "design-score",
  config: {},
  phases: (now) => [{ name: "Main", startsAt: now, endsAt: new Date(now.getTime() + 180 * DAY_MS) }],
  // Nothing to simulate up front: the data are the example designs; `seed` becomes the private leaderboard's secret
  // (stored as hex: JSON has no bytes).
  baselines: detectorBaselines,
  generate: (_scale, seed) => ({
    manifest: { simulator: SIMULATOR_VERSION, publicSeed: PUBLIC_SEED, publicTracks: PUBLIC_TRACKS, privateTracks: PRIVATE_TRACKS },
    files: EXAMPLES,
    solution: { eventId: new Int32Array(0), label: new Uint8Array(0), weight: new Float64Array(0), usage: new Uint8Array(0) },
    secrets: { privateSeed: typeof seed === "number" ? (seed === PUBLIC_SEED ? seed + 1 : seed) : keyToHex(seed) },
  }),
};
