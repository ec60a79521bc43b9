/**
 * EventId → row lookup, built once per Solution and cached. Integer ids (HiggsML's 350000..899999) use a dense
 * Int32Array over [min, max] and are looked up straight from the submission's bytes without making a string.
 */
import { ArrayPool } from "./array-pool";
import { ProblemCollector, SolutionFormatError } from "./errors";
import { bytesToString, parseDigits } from "./parse-number";
import type { Solution } from "../solution";

export interface SolutionIndex {
  readonly solution: Solution;
  /** Number of rows in the solution. */
  readonly size: number;
  /** Row of the id spelled by buf[start, end), or -1 when the solution has no such id. */
  lookup(buf: Uint8Array, start: number, end: number): number;
  /**
   * For integer ids only (else null): the row of canonical id `id` from id − min (see DenseIds), so parsers can
   * look ids up while reading their digits.
   */
  readonly dense: DenseIds | null;
  /** Solution-sized arrays for parses against this solution (see ArrayPool). */
  readonly arrays: ArrayPool;
}

export interface DenseIds {
  min: number;
  /** Number of slots: ids min .. min + slots − 1. */
  slots: number;
  /**
   * table[id − min] = row (−1 = none); null when the ids are min, min + 1, … in row order (a solution sorted by
   * EventId, the usual case): then row = id − min, which spares a random read per submission row.
   */
  table: Int32Array | null;
}

const cache = new WeakMap<Solution, SolutionIndex>();

type LineOf = (row: number) => number | null;

function denseIndex(solution: Solution, lineOf: LineOf): SolutionIndex | null {
  const values = solution.ids.integers;
  if (values === null) return null;
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Dense only when the table stays within a few times the row count (sparse ids would waste memory).
  if (n === 0 || max - min + 1 > 4 * n + 1024) return null;
  const table = new Int32Array(max - min + 1).fill(-1);
  const duplicates: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const slot = values[i]! - min;
    const previous = table[slot]!;
    if (previous >= 0) duplicates.push([previous, i]);
    else table[slot] = i;
  }
  if (duplicates.length > 0) return reportDuplicates(solution, duplicates, lineOf);
  const dense: DenseIds = { min, slots: table.length, table: isIdentity(table) ? null : table };
  return {
    solution,
    size: n,
    dense,
    arrays: new ArrayPool(),
    lookup(buf, start, end) {
      if (end - start > 1 && buf[start] === 48) return -1;
      return denseRow(dense, parseDigits(buf, start, end));
    },
  };
}

function isIdentity(table: Int32Array): boolean {
  for (let slot = 0; slot < table.length; slot++) if (table[slot] !== slot) return false;
  return true;
}

/** Row of integer id `id` (any number; −1 when not a solution id). */
export function denseRow(dense: DenseIds, id: number): number {
  const slot = id - dense.min;
  if (!(slot >= 0 && slot < dense.slots)) return -1;
  return dense.table === null ? slot : dense.table[slot]!;
}

function mapIndex(solution: Solution, lineOf: LineOf): SolutionIndex {
  const map = new Map<string, number>();
  const duplicates: [number, number][] = [];
  for (let i = 0; i < solution.ids.length; i++) {
    const id = solution.ids.at(i);
    const previous = map.get(id);
    if (previous !== undefined) duplicates.push([previous, i]);
    else map.set(id, i);
  }
  if (duplicates.length > 0) return reportDuplicates(solution, duplicates, lineOf);
  return {
    solution,
    size: solution.ids.length,
    dense: null,
    arrays: new ArrayPool(),
    lookup: (buf, start, end) => map.get(bytesToString(buf, start, end)) ?? -1,
  };
}

function reportDuplicates(solution: Solution, duplicates: [number, number][], lineOf: LineOf): never {
  const problems = new ProblemCollector(SolutionFormatError);
  for (const [first, again] of duplicates) {
    const firstLine = lineOf(first);
    const where = firstLine === null ? `row ${first}` : `line ${firstLine}`;
    problems.add(lineOf(again), `EventId ${JSON.stringify(solution.ids.at(again))} appears again (first at ${where})`);
  }
  throw problems.toError();
}

/** Builds and caches the index; `lineOf` maps rows to file lines for duplicate-id messages. */
export function buildSolutionIndex(solution: Solution, lineOf: LineOf): SolutionIndex {
  const cached = cache.get(solution);
  if (cached) return cached;
  const index = denseIndex(solution, lineOf) ?? mapIndex(solution, lineOf);
  cache.set(solution, index);
  return index;
}

/** The id lookup of a solution (built on first use, then cached on the solution object). */
export function createSolutionIndex(solution: Solution): SolutionIndex {
  return buildSolutionIndex(solution, () => null);
}
