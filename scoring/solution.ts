/**
 * The organiser's answer key, in memory: per event its id, target, weight and Usage. The target is binary (1 signal,
 * 0 background: the Higgs and anomaly keys), a class index (multiclass, with the class names) or a real number.
 * Weights are used exactly as given (the challenge builder normalises them per subset); Usage Public/Private selects
 * the leaderboard. The CSV codec is solution-csv.ts.
 */
import { ProblemCollector, SolutionFormatError } from "./parsing/errors";
import { EventIdList, type EventIds } from "./parsing/event-ids";
import type { TargetType } from "./metric-descriptor";
import { buildSolutionIndex } from "./parsing/solution-index";

/** The one Usage enum: its codes are what the database stores. Control = anomaly detection's sculpting-gate events. */
export const USAGE = { Ignored: 0, Public: 1, Private: 2, Control: 3 } as const;
export type Usage = (typeof USAGE)[keyof typeof USAGE];
export const USAGE_NAMES = ["Ignored", "Public", "Private", "Control"] as const satisfies readonly string[];
export const USAGE_IGNORED = USAGE.Ignored;
export const USAGE_PUBLIC = USAGE.Public;
export const USAGE_PRIVATE = USAGE.Private;

/** What the target column holds. */
export type SolutionTarget = { type: "binary" } | { type: "multiclass"; classes: readonly string[] } | { type: "real" };

/** At most this many classes (a class index is a byte). */
export const MAX_CLASSES = 255;

export interface Solution {
  ids: EventIds;
  target: SolutionTarget;
  /** binary: 1 = signal, 0 = background; multiclass: the class index; real: all 0 (see values). */
  labels: Uint8Array;
  /** The target of a real-valued key; null otherwise. */
  values: Float64Array | null;
  weights: Float64Array;
  /** Usage code per row. */
  usage: Uint8Array;
  /**
   * Control rows' inputs to the Flavours-of-Physics gates (scoring/gates/): per row ORIGIN_REAL, ORIGIN_SIMULATED or
   * ORIGIN_NONE (the agreement check's sample), and the correlation check's column value, NaN where none (anomaly
   * detection's control m_JJ). Absent when the key has no such column.
   */
  origin?: Int8Array;
  aux?: Float64Array;
}

/** A control row's origin for the agreement check: real data or simulation (−1: not in that sample). */
export const ORIGIN_NONE = -1;
export const ORIGIN_SIMULATED = 0;
export const ORIGIN_REAL = 1;

/** Origin text (any case) to its code: real/simulated (or 1/0); empty = none; null when invalid. */
export function originCode(text: string): number | null {
  switch (text.trim().toLowerCase()) {
    case "":
      return ORIGIN_NONE;
    case "real":
    case "1":
      return ORIGIN_REAL;
    case "simulated":
    case "0":
      return ORIGIN_SIMULATED;
    default:
      return null;
  }
}

export function targetType(solution: Solution): TargetType {
  return solution.target.type;
}

/** Usage text (any case) to its code; anything else is ignored, as Kaggle's keys mark unscored rows in many ways. */
export function usageCode(text: string): Usage {
  const code = USAGE_NAMES.findIndex((name) => name.toLowerCase() === text.toLowerCase());
  return code > 0 ? (code as Usage) : USAGE.Ignored;
}

/** Label text to 1/0; −1 when invalid. `s`/`b` for HiggsML, `1`/`0` for the other challenges. */
export function binaryLabelCode(text: string): number {
  switch (text.toLowerCase()) {
    case "s":
    case "1":
      return 1;
    case "b":
    case "0":
      return 0;
    default:
      return -1;
  }
}

export function isValidWeight(w: number): boolean {
  return Number.isFinite(w) && w > 0;
}

export interface SolutionColumns {
  ids: readonly (string | number)[];
  /** binary: 1/0 or `s`/`b`; multiclass: class indices; real: the values. */
  labels: ArrayLike<number | string>;
  weights: ArrayLike<number>;
  /** Usage codes 0–3, or their names (other text = ignored). */
  usage: ArrayLike<number | string>;
  /** Default binary. */
  target?: SolutionTarget;
  /** Control rows' gate inputs (Solution.origin, Solution.aux); absent = none. */
  origin?: ArrayLike<number>;
  aux?: ArrayLike<number>;
}

function labelProblem(target: SolutionTarget, raw: number | string): string | null {
  // Numbers as JavaScript spells them (NaN stays NaN, where JSON would say null).
  const shown = typeof raw === "number" ? String(raw) : JSON.stringify(raw);
  if (target.type === "binary") return binaryLabelCode(String(raw)) < 0 ? `label ${shown} is not s/b or 1/0` : null;
  const value = typeof raw === "number" ? raw : Number(raw);
  if (target.type === "real") return Number.isFinite(value) ? null : `target ${shown} is not a finite number`;
  return Number.isInteger(value) && value >= 0 && value < target.classes.length
    ? null
    : `class ${shown} is not an index below ${target.classes.length}`;
}

/**
 * What is wrong with a row's gate inputs, or null: only Control rows carry an origin or a correlation value, and a
 * Control row carries at least one (else it belongs to no gate's sample and would be scored by nothing).
 */
export function controlProblem(usage: number, origin: number, aux: number): string | null {
  const hasOrigin = origin !== ORIGIN_NONE;
  const hasAux = !Number.isNaN(aux);
  if (hasOrigin && origin !== ORIGIN_REAL && origin !== ORIGIN_SIMULATED) return `origin ${origin} is not 1 (real) or 0 (simulated)`;
  if (hasAux && !Number.isFinite(aux)) return `Aux ${aux} is not a finite number`;
  if (usage !== USAGE.Control)
    return hasOrigin || hasAux ? `only Control rows carry Origin or Aux (this row is ${USAGE_NAMES[usage] ?? "Ignored"})` : null;
  return hasOrigin || hasAux
    ? null
    : "a Control row needs Origin (real or simulated, for the agreement check) or Aux (the correlation check's column value)";
}

/** A Solution from column arrays (e.g. read from a database), validated like a parsed file. */
export function solutionFromColumns(columns: SolutionColumns): Solution {
  const n = columns.ids.length;
  const target = columns.target ?? { type: "binary" };
  const problems = new ProblemCollector(SolutionFormatError);
  for (const [name, col] of [
    ["labels", columns.labels],
    ["weights", columns.weights],
    ["usage", columns.usage],
    ["origin", columns.origin ?? { length: n }],
    ["aux", columns.aux ?? { length: n }],
  ] as const) {
    if (col.length !== n) problems.fatal(null, `${name} has ${col.length} entries but ids has ${n}`);
  }
  if (target.type === "multiclass" && !(target.classes.length >= 2 && target.classes.length <= MAX_CLASSES)) {
    problems.fatal(null, `a multiclass key needs 2 to ${MAX_CLASSES} classes, got ${target.classes.length}`);
  }
  const solution: Solution = {
    ids: EventIdList.of(columns.ids.map(String)),
    target,
    labels: new Uint8Array(n),
    values: target.type === "real" ? new Float64Array(n) : null,
    weights: Float64Array.from(columns.weights),
    usage: new Uint8Array(n),
    ...(columns.origin ? { origin: Int8Array.from(columns.origin) } : {}),
    ...(columns.aux ? { aux: Float64Array.from(columns.aux) } : {}),
  };
  for (let i = 0; i < n; i++) {
    const raw = columns.labels[i]!;
    const problem = labelProblem(target, raw);
    if (problem !== null) problems.add(null, `row ${i}: ${problem}`);
    else if (target.type === "binary") solution.labels[i] = binaryLabelCode(String(raw));
    else if (target.type === "multiclass") solution.labels[i] = Number(raw);
    else solution.values![i] = Number(raw);
    const rawUsage = columns.usage[i]!;
    solution.usage[i] =
      typeof rawUsage === "string"
        ? usageCode(rawUsage)
        : rawUsage >= 1 && rawUsage <= 3 && Number.isInteger(rawUsage)
          ? (rawUsage as Usage)
          : USAGE.Ignored;
    if (solution.ids.at(i) === "") problems.add(null, `row ${i}: EventId is empty`);
    if (!isValidWeight(solution.weights[i]!)) problems.add(null, `row ${i}: weight ${solution.weights[i]} is not a positive finite number`);
    // Keys read without their gate columns (a challenge with no gate) are not checked for them.
    const controlIssue =
      solution.origin || solution.aux
        ? controlProblem(solution.usage[i]!, solution.origin?.[i] ?? ORIGIN_NONE, solution.aux?.[i] ?? NaN)
        : null;
    if (controlIssue !== null) problems.add(null, `row ${i}: ${controlIssue}`);
  }
  problems.throwIfAny();
  buildSolutionIndex(solution, () => null);
  return solution;
}
