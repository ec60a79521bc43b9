/**
 * The organiser's answer key: `EventId,Label,Weight,Usage`. Weights are used exactly as given (the challenge
 * builder normalises them per subset); Usage `Public`/`Private` selects the leaderboard, anything else is ignored.
 */
import type { ByteSource } from "./byte-source";
import { fieldText, type CsvReadOptions } from "./csv-reader";
import { quoteValue, readTable } from "./csv-table";
import { ProblemCollector, SolutionFormatError } from "./errors";
import { EventIdList, type EventIds } from "./event-ids";
import { parseDecimal } from "./parse-number";
import { buildSolutionIndex } from "./solution-index";

/** 0 = ignored, 1 = Public, 2 = Private. */
export type Usage = 0 | 1 | 2;
export const USAGE_IGNORED = 0;
export const USAGE_PUBLIC = 1;
export const USAGE_PRIVATE = 2;

export interface Solution {
  ids: EventIds;
  /** 1 = signal, 0 = background. */
  labels: Uint8Array;
  weights: Float64Array;
  /** Usage code per row. */
  usage: Uint8Array;
}

export const SOLUTION_COLUMNS = ["EventId", "Label", "Weight", "Usage"] as const;

/** Label text to 1/0; -1 when invalid. `s`/`b` for HiggsML, `1`/`0` for the other challenges. */
function labelCode(text: string): number {
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

function usageCode(text: string): Usage {
  const lower = text.toLowerCase();
  return lower === "public" ? USAGE_PUBLIC : lower === "private" ? USAGE_PRIVATE : USAGE_IGNORED;
}

function isValidWeight(w: number): boolean {
  return Number.isFinite(w) && w > 0;
}

/** Growable typed array, since a streamed file's row count is unknown until the end. */
function grown<T extends Uint8Array | Float64Array | Int32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export async function parseSolution(src: ByteSource, opts: CsvReadOptions = {}): Promise<Solution> {
  const problems = new ProblemCollector(SolutionFormatError);
  const ids = new EventIdList();
  let labels = new Uint8Array(1024);
  let weights = new Float64Array(1024);
  let usage = new Uint8Array(1024);
  let lines = new Int32Array(1024);
  await readTable(
    src,
    SOLUTION_COLUMNS,
    problems,
    (rec, col) => {
      const [cId, cLabel, cWeight, cUsage] = [col[0]!, col[1]!, col[2]!, col[3]!];
      const label = labelCode(fieldText(rec, cLabel));
      const weight = parseDecimal(rec.buf, rec.starts[cWeight]!, rec.ends[cWeight]!);
      const id = fieldText(rec, cId);
      if (id === "") problems.add(rec.line, "EventId is empty");
      if (label < 0) problems.add(rec.line, `Label ${quoteValue(rec, cLabel)} is not s/b or 1/0`);
      if (!isValidWeight(weight)) problems.add(rec.line, `Weight ${quoteValue(rec, cWeight)} is not a positive finite number`);
      const row = ids.length;
      ids.push(id);
      labels = grown(labels, row + 1);
      weights = grown(weights, row + 1);
      usage = grown(usage, row + 1);
      lines = grown(lines, row + 1);
      labels[row] = label;
      weights[row] = weight;
      usage[row] = usageCode(fieldText(rec, cUsage));
      lines[row] = rec.line;
    },
    opts,
  );
  problems.throwIfAny();
  const n = ids.length;
  const solution: Solution = {
    ids: ids.trimmed(),
    labels: labels.slice(0, n),
    weights: weights.slice(0, n),
    usage: usage.slice(0, n),
  };
  // Builds (and caches) the id lookup now, so duplicate ids are reported with their line numbers.
  buildSolutionIndex(solution, (row) => lines[row] ?? null);
  return solution;
}

export interface SolutionColumns {
  ids: readonly (string | number)[];
  /** 1/0, or `s`/`b`. */
  labels: ArrayLike<number | string>;
  weights: ArrayLike<number>;
  /** Usage codes 0/1/2, or `Public`/`Private`/other text. */
  usage: ArrayLike<number | string>;
}

/** A Solution from column arrays (e.g. read from a database), validated like a parsed file. */
export function solutionFromColumns(columns: SolutionColumns): Solution {
  const n = columns.ids.length;
  const problems = new ProblemCollector(SolutionFormatError);
  for (const [name, col] of [["labels", columns.labels], ["weights", columns.weights], ["usage", columns.usage]] as const) {
    if (col.length !== n) problems.fatal(null, `${name} has ${col.length} entries but ids has ${n}`);
  }
  const solution: Solution = {
    ids: EventIdList.of(columns.ids.map(String)),
    labels: new Uint8Array(n),
    weights: Float64Array.from(columns.weights),
    usage: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const rawLabel = columns.labels[i]!;
    const label = typeof rawLabel === "string" ? labelCode(rawLabel) : rawLabel === 1 || rawLabel === 0 ? rawLabel : -1;
    const rawUsage = columns.usage[i]!;
    const usage = typeof rawUsage === "string" ? usageCode(rawUsage) : rawUsage === 1 || rawUsage === 2 ? rawUsage : USAGE_IGNORED;
    if (solution.ids.at(i) === "") problems.add(null, `row ${i}: EventId is empty`);
    if (label < 0) problems.add(null, `row ${i}: label ${JSON.stringify(rawLabel)} is not s/b or 1/0`);
    if (!isValidWeight(solution.weights[i]!)) problems.add(null, `row ${i}: weight ${solution.weights[i]} is not a positive finite number`);
    solution.labels[i] = label;
    solution.usage[i] = usage;
  }
  problems.throwIfAny();
  buildSolutionIndex(solution, () => null);
  return solution;
}
