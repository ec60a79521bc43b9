/**
 * The one CSV codec for answer keys. Header (any order, names case-insensitive):
 *   <id column>      EventId unless the organiser names another (e.g. `Id`)
 *   Label or Class   the target: binary `s`/`b` or `1`/`0`; multiclass a class name; real a decimal number
 *   Weight           optional, a positive finite number (absent: 1 each)
 *   Usage            Public, Private, Control or Ignored (any other text: ignored, as Kaggle keys mark unscored rows,
 *                    unless `strictUsage` makes it a problem)
 *   Origin           optional, Control rows only: real or simulated (1/0), the agreement check's sample
 *   Aux              optional, Control rows only: the correlation check's column (e.g. the mass) on background
 *                    events, empty where none (anomaly detection's control m_JJ)
 * so Kaggle's `EventId,Class,Weight,Usage` reads as well as HiggsML's `EventId,Label,Weight,Usage`. Every bad row is
 * reported with its line and reason (up to MAX_REPORTED_PROBLEMS), duplicate ids with both lines; nothing is returned
 * unless the whole file is clean.
 *
 * Example (multiclass, classes given as ["ggH", "VBF", "Ztt"]):
 *   Id,Class,Usage
 *   1,VBF,Public       → label 1, weight 1
 *   2,Ztt,Private      → label 2
 * and a binary key with Flavours-of-Physics control rows (scoring/gates/): empty Origin/Aux on scored rows,
 *   EventId,Label,Usage,Origin,Aux
 *   7,1,Public,,
 *   8,0,Control,real,        → the agreement check's real-data sample
 *   9,0,Control,,1875.5      → the correlation check's sample, at mass 1875.5
 */
import type { ByteSource } from "./byte-source";
import { fieldText, type CsvReadOptions, type CsvRecord } from "./csv-reader";
import { quoteValue, readTable } from "./csv-table";
import { ProblemCollector, SolutionFormatError } from "./errors";
import { EventIdList } from "./event-ids";
import { parseDecimal } from "./parse-number";
import {
  binaryLabelCode,
  controlProblem,
  isValidWeight,
  MAX_CLASSES,
  ORIGIN_NONE,
  ORIGIN_REAL,
  originCode,
  USAGE,
  USAGE_NAMES,
  usageCode,
  type Solution,
  type SolutionTarget,
} from "../solution";
import { buildSolutionIndex } from "./solution-index";

export interface SolutionReadOptions extends CsvReadOptions {
  /** Default binary. */
  target?: "binary" | "multiclass" | "real";
  /** Multiclass: the class names, in index order; absent = the distinct names in the file, sorted (numerically when all are numbers). */
  classes?: readonly string[];
  /** Default EventId. */
  idColumn?: string;
  /**
   * Usage other than the four names is a problem instead of an ignored row: for keys this platform wrote (bundles),
   * where a typo would silently drop events from both leaderboards.
   */
  strictUsage?: boolean;
}

/** A parsed key with the file line of each row, for messages that point at rows (e.g. ids missing elsewhere). */
export interface ReadSolution {
  solution: Solution;
  lines: Int32Array;
}

/** HiggsML's header, the binary default. */
export const SOLUTION_COLUMNS = ["EventId", "Label", "Weight", "Usage"] as const;

/** Growable typed array, since a streamed file's row count is unknown until the end. */
function grown<T extends Uint8Array | Int8Array | Float64Array | Int32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Sorted class names: numerically when every name is a number ("2" before "10"), else by code point. */
function sortedClasses(names: Iterable<string>): string[] {
  const list = [...names];
  const numeric = list.every((name) => name.trim() !== "" && Number.isFinite(Number(name)));
  return list.sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
}

/** Reads the target of each row; returns the class list once the file is read (multiclass). */
class TargetReader {
  /** Multiclass: name → index (given classes), or name → order of first appearance (learned, remapped at the end). */
  private readonly codes = new Map<string, number>();

  constructor(
    private readonly type: SolutionTarget["type"],
    private readonly given: readonly string[] | undefined,
    private readonly problems: ProblemCollector,
  ) {
    given?.forEach((name, k) => this.codes.set(name, k));
  }

  /** The row's code (binary 0/1, class index) or value (real); NaN after reporting a problem. */
  read(rec: CsvRecord, column: number, name: string): number {
    const text = fieldText(rec, column);
    if (this.type === "binary") {
      const code = binaryLabelCode(text);
      if (code < 0) this.problems.add(rec.line, `${name} ${quoteValue(rec, column)} is not s/b or 1/0`);
      return code < 0 ? NaN : code;
    }
    if (this.type === "real") {
      const value = parseDecimal(rec.buf, rec.starts[column]!, rec.ends[column]!);
      if (!Number.isFinite(value)) this.problems.add(rec.line, `${name} ${quoteValue(rec, column)} is not a finite number`);
      return Number.isFinite(value) ? value : NaN;
    }
    const known = this.codes.get(text);
    if (known !== undefined) return known;
    if (this.given) {
      this.problems.add(rec.line, `${name} ${quoteValue(rec, column)} is not one of the classes ${this.given.join(", ")}`);
      return NaN;
    }
    if (text === "") {
      this.problems.add(rec.line, `${name} is empty`);
      return NaN;
    }
    if (this.codes.size === MAX_CLASSES) {
      this.problems.add(rec.line, `${name} ${quoteValue(rec, column)} would be class ${MAX_CLASSES + 1}: at most ${MAX_CLASSES} classes`);
      return NaN;
    }
    this.codes.set(text, this.codes.size);
    return this.codes.size - 1;
  }

  /** The target description, and (learned classes) the remapping of first-appearance codes to sorted indices. */
  finish(): { target: SolutionTarget; remap: Uint8Array | null } {
    if (this.type !== "multiclass") return { target: { type: this.type }, remap: null };
    if (this.given) return { target: { type: "multiclass", classes: [...this.given] }, remap: null };
    const classes = sortedClasses(this.codes.keys());
    const remap = new Uint8Array(this.codes.size);
    for (const [name, code] of this.codes) remap[code] = classes.indexOf(name);
    return { target: { type: "multiclass", classes }, remap };
  }
}

export async function parseSolution(src: ByteSource, opts: SolutionReadOptions = {}): Promise<Solution> {
  return (await readSolution(src, opts)).solution;
}

/** parseSolution, with each row's line. */
export async function readSolution(src: ByteSource, opts: SolutionReadOptions = {}): Promise<ReadSolution> {
  const problems = new ProblemCollector(SolutionFormatError);
  const type = opts.target ?? "binary";
  if (
    opts.classes !== undefined &&
    (type !== "multiclass" ||
      opts.classes.length < 2 ||
      opts.classes.length > MAX_CLASSES ||
      new Set(opts.classes).size !== opts.classes.length)
  ) {
    problems.fatal(
      null,
      `class names need a multiclass target and 2 to ${MAX_CLASSES} distinct names, got ${JSON.stringify(opts.classes)} for a ${type} target`,
    );
  }
  const idColumn = opts.idColumn ?? "EventId";
  const targets = new TargetReader(type, opts.classes, problems);
  const ids = new EventIdList();
  let labels = new Uint8Array(1024);
  let values = new Float64Array(type === "real" ? 1024 : 0);
  let weights = new Float64Array(1024);
  let usage = new Uint8Array(1024);
  let lines = new Int32Array(1024);
  // Set inside the row callback, hence an object (the compiler would keep a plain `let` at null after it).
  const gateColumns: { origin: Int8Array | null; aux: Float64Array | null } = { origin: null, aux: null };
  await readTable(
    src,
    [idColumn, "Usage"],
    problems,
    (rec, col) => {
      const [cId, cUsage, cLabel, cClass, cWeight, cOrigin, cAux] = [col[0]!, col[1]!, col[2]!, col[3]!, col[4]!, col[5]!, col[6]!];
      const cTarget = cLabel >= 0 ? cLabel : cClass;
      const value = targets.read(rec, cTarget, cLabel >= 0 ? "Label" : "Class");
      const weight = cWeight < 0 ? 1 : parseDecimal(rec.buf, rec.starts[cWeight]!, rec.ends[cWeight]!);
      const id = fieldText(rec, cId);
      if (id === "") problems.add(rec.line, `${idColumn} is empty`);
      if (!isValidWeight(weight)) problems.add(rec.line, `Weight ${quoteValue(rec, cWeight)} is not a positive finite number`);
      const row = ids.length;
      ids.push(id);
      labels = grown(labels, row + 1);
      weights = grown(weights, row + 1);
      usage = grown(usage, row + 1);
      lines = grown(lines, row + 1);
      if (type === "real") {
        values = grown(values, row + 1);
        values[row] = value;
      } else labels[row] = value;
      weights[row] = weight;
      const usageText = fieldText(rec, cUsage);
      usage[row] = usageCode(usageText);
      if (opts.strictUsage && usage[row] === USAGE.Ignored && usageText.toLowerCase() !== "ignored") {
        problems.add(rec.line, `Usage ${quoteValue(rec, cUsage)} is not one of ${USAGE_NAMES.join(", ")}`);
      }
      lines[row] = rec.line;
      if (cOrigin >= 0 || cAux >= 0) {
        const originText = cOrigin >= 0 ? fieldText(rec, cOrigin) : "";
        const code = originCode(originText);
        const auxText = cAux >= 0 ? fieldText(rec, cAux).trim() : "";
        const auxValue = auxText === "" ? NaN : parseDecimal(rec.buf, rec.starts[cAux]!, rec.ends[cAux]!);
        if (cOrigin >= 0) (gateColumns.origin = grown(gateColumns.origin ?? new Int8Array(1024), row + 1))[row] = code ?? ORIGIN_NONE;
        if (cAux >= 0) (gateColumns.aux = grown(gateColumns.aux ?? new Float64Array(1024), row + 1))[row] = auxValue;
        if (code === null) problems.add(rec.line, `Origin ${quoteValue(rec, cOrigin)} is not real or simulated (1 or 0), or empty`);
        else if (auxText !== "" && !Number.isFinite(auxValue))
          problems.add(rec.line, `Aux ${quoteValue(rec, cAux)} is not a finite number (or empty)`);
        else {
          const issue = controlProblem(usage[row]!, code, auxValue);
          if (issue !== null) problems.add(rec.line, issue);
        }
      }
    },
    opts,
    undefined,
    {
      optional: ["Label", "Class", "Weight", "Origin", "Aux"],
      check: (col, line) => {
        if (col[2]! >= 0 === col[3]! >= 0)
          problems.add(
            line,
            `the header needs exactly one target column, Label or Class (expected ${idColumn},Label,Weight,Usage or ${idColumn},Class,Weight,Usage; Weight optional)`,
          );
      },
    },
  );
  problems.throwIfAny();
  const n = ids.length;
  const { target, remap } = targets.finish();
  if (target.type === "multiclass" && target.classes.length < 2)
    problems.fatal(null, `a multiclass key needs at least 2 classes, the file has ${target.classes.length}`);
  const solution: Solution = {
    ids: ids.trimmed(),
    target,
    labels: type === "real" ? new Uint8Array(n) : remap ? Uint8Array.from(labels.subarray(0, n), (c) => remap[c]!) : labels.slice(0, n),
    values: type === "real" ? values.slice(0, n) : null,
    weights: weights.slice(0, n),
    usage: usage.slice(0, n),
    ...(gateColumns.origin ? { origin: gateColumns.origin.slice(0, n) } : {}),
    ...(gateColumns.aux ? { aux: gateColumns.aux.slice(0, n) } : {}),
  };
  // Builds (and caches) the id lookup now, so duplicate ids are reported with their line numbers.
  buildSolutionIndex(solution, (row) => lines[row] ?? null);
  return { solution, lines: lines.slice(0, n) };
}

/**
 * The key as CSV text that parseSolution reads back to an equal key: `<id>,Label,Weight,Usage` for binary (1/0) and
 * real targets (shortest round-trip decimals), `<id>,Class,Weight,Usage` with class names for multiclass; then
 * `,Origin` and `,Aux` when some row has one (empty where none).
 */
export function solutionCsv(solution: Solution, idColumn = "EventId"): string {
  const { target, labels, values, weights, usage, ids } = solution;
  const quoted = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const classNames = target.type === "multiclass" ? target.classes.map(quoted) : [];
  const targetText = (i: number) =>
    target.type === "multiclass" ? classNames[labels[i]!]! : target.type === "real" ? String(values![i]) : String(labels[i]);
  // The gate columns only when some row has a value, so keys without control rows keep the four columns.
  const origin = solution.origin?.some((o) => o !== ORIGIN_NONE) ? solution.origin : null;
  const aux = solution.aux?.some((a) => !Number.isNaN(a)) ? solution.aux : null;
  const gateText = (i: number) =>
    (origin ? `,${origin[i] === ORIGIN_NONE ? "" : origin[i] === ORIGIN_REAL ? "real" : "simulated"}` : "") +
    (aux ? `,${Number.isNaN(aux[i]!) ? "" : aux[i]}` : "");
  const lines = [
    `${idColumn},${target.type === "multiclass" ? "Class" : "Label"},Weight,Usage${origin ? ",Origin" : ""}${aux ? ",Aux" : ""}`,
  ];
  for (let i = 0; i < ids.length; i++)
    lines.push(`${quoted(ids.at(i))},${targetText(i)},${weights[i]},${USAGE_NAMES[usage[i]!]}${gateText(i)}`);
  return lines.join("\n") + "\n";
}
