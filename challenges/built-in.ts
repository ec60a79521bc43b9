import type { PhaseWindow } from "./phase-status";
import { MAX_CLASSES, solutionFromColumns, type Solution, type SolutionTarget } from "../scoring/solution";
import type { Seed } from "./shared/random";

/** A file competitors download, produced as text chunks so it never sits whole in memory as a string. */
export interface GeneratedFile {
  filename: string;
  description: string;
  rows: number;
  chunks: Iterable<string>;
}

/** The private answer key: one entry per test event, in scoring/'s Usage codes. */
export interface GeneratedSolution {
  eventId: Int32Array;
  /** Binary 1/0, or the class index of a multiclass key (0 for a real-valued one). */
  label: Uint8Array;
  /** What the target is; absent = binary. Stored with the dataset (its manifest's `target`). */
  target?: SolutionTarget;
  /** The target of a real-valued key (regression). */
  value?: Float64Array;
  weight: Float64Array;
  usage: Uint8Array;
  /** Control rows' value of the correlation gate's column (NaN = none): the control events' m_JJ in anomaly detection. */
  aux?: Float64Array;
  /** Control rows' origin for the agreement gate: 1 real, 0 simulated, −1 none (scoring/solution.ts ORIGIN_*). */
  origin?: Int8Array;
}

export interface GeneratedDataset {
  /** How the data was made (simulator, version, seed, sizes): reproducibility, shown to organisers. */
  manifest: Record<string, unknown>;
  files: GeneratedFile[];
  solution: GeneratedSolution;
  /** Server-only secrets: the data's key (dataKey, hex), a detector challenge's private seed or key. */
  secrets?: Record<string, unknown>;
}

/** A challenge the platform creates by itself at first start, with data from a seeded simulator. */
export interface BuiltInChallenge {
  slug: string;
  /** The id of the kind that lists it (challenges/<kind>/kind.ts). */
  kind: string;
  title: string;
  summary: string;
  description: string;
  metricId: string;
  config: Record<string, unknown>;
  phases(now: Date): PhaseWindow[];
  /**
   * `scale` shrinks the generated sample (tests use 0.01); 1 = the full default size.
   * `seed` is a 32-byte key drawn by each installation from the OS's CSPRNG and kept server-side: with a seed
   * fixed in this open-source code, or drawn from a space small enough to search, anyone could rerun the simulator
   * until its output matches the public files and read off the answers. (Tests pass typed integer seeds.)
   */
  generate(scale: number, seed: Seed): GeneratedDataset;
  /** Reference entries computed at creation (pure) and posted as benchmark submissions. */
  baselines?(): BaselineEntry[];
  /**
   * Reference models the baseline trainer fits at first start, as background runs (the site is up meanwhile):
   * the families in order of preference, the first one the worker can run is queued.
   */
  trainedBaselines?: readonly string[];
}

/** A benchmark entry a built-in challenge ships with: a submission file and its model card. */
export interface BaselineEntry {
  name: string;
  filename: string;
  content: string;
  modelCard: Record<string, unknown>;
}

/** The answer key's target as stored in a dataset's manifest (absent: binary, as every key before targets had). */
export function answerKeyTarget(manifest: Record<string, unknown>): SolutionTarget {
  const t = manifest.target as { type?: unknown; classes?: unknown } | undefined;
  if (t === undefined || t.type === "binary") return { type: "binary" };
  if (t.type === "real") return { type: "real" };
  const classes = t.classes;
  if (
    t.type === "multiclass" &&
    Array.isArray(classes) &&
    classes.length >= 2 &&
    classes.length <= MAX_CLASSES &&
    classes.every((c) => typeof c === "string")
  ) {
    return { type: "multiclass", classes: classes as string[] };
  }
  throw new Error(`the dataset's manifest has an invalid answer-key target: ${JSON.stringify(t)}`);
}

/** The largest event id an answer key can hold: GeneratedSolution keeps ids in an Int32Array. */
export const MAX_EVENT_ID = 2 ** 31 - 1;

/**
 * A parsed answer key in its stored form, or null when some id is not a whole number from 0 to MAX_EVENT_ID (each
 * such id is passed to `badId` with its row first).
 *
 * Example: a real key with ids "7", "9" and values 91.2, 125 → { eventId: [7, 9], label: [0, 0], value: [91.2, 125],
 * target: { type: "real" }, … }.
 */
export function storedSolution(solution: Solution, badId: (row: number, id: string) => void): GeneratedSolution | null {
  const n = solution.ids.length;
  const eventId = new Int32Array(n);
  let ok = true;
  for (let i = 0; i < n; i++) {
    const id = solution.ids.at(i);
    const v = Number(id);
    if (!/^\d+$/.test(id) || v > MAX_EVENT_ID) {
      badId(i, id);
      ok = false;
    }
    eventId[i] = v;
  }
  if (!ok) return null;
  return {
    eventId,
    label: solution.labels,
    target: solution.target,
    ...(solution.values ? { value: solution.values } : {}),
    weight: solution.weights,
    usage: solution.usage,
    ...(solution.origin ? { origin: solution.origin } : {}),
    ...(solution.aux ? { aux: solution.aux } : {}),
  };
}

/** A stored answer key as scoring/ reads it, validated like a parsed file (a real key must have every value). */
export function solutionOfStored(s: GeneratedSolution): Solution {
  const target = s.target ?? { type: "binary" };
  const solution = solutionFromColumns({
    ids: Array.from(s.eventId),
    labels: target.type === "real" ? (s.value ?? new Float64Array(s.eventId.length).fill(NaN)) : s.label,
    weights: s.weight,
    usage: s.usage,
    target,
    ...(s.origin ? { origin: s.origin } : {}),
    ...(s.aux ? { aux: s.aux } : {}),
  });
  return solution;
}
