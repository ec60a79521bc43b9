/**
 * A tabular challenge's published files as matrices for the baselines. The features are test.csv's columns other
 * than EventId, in test.csv's order, found by name in train.csv; the target is train.csv's one remaining column
 * (besides EventId and Weight; where several remain, the one named Label, Class or Target). A Weight column in
 * train.csv is each training event's weight (a number ≥ 0), which both families train with (baseline/task.ts).
 * Features must be numbers; an empty field, NA, NaN or −999 (the HiggsML convention for "not defined") is missing
 * (NaN). Every problem is reported with its file and line before anything is trained.
 *
 * Example: train.csv "EventId,x,y,Process / 1,0.5,-999,ggH", test.csv "EventId,x,y / 7,0.1,2" with classes
 * [VBF, ggH] → features [x, y], target column Process, train X [0.5, NaN] with target [1], test X [0.1, 2], ids ["7"].
 *
 * The values go straight into float32 blocks, the precision the models take: a list of numbers holds 8 bytes a
 * value and copies itself as it grows, so it took several times the matrix's size on large files.
 */
import type { ByteSource } from "../../../scoring/parsing/byte-source";
import { type CsvRecord, fieldText, readCsvRecords } from "../../../scoring/parsing/csv-reader";
import { CsvFormatError, ProblemCollector } from "../../../scoring/parsing/errors";
import { FileProblems } from "../upload";
import type { TabularTask } from "./task";

/** Bad input for a tabular baseline: the message names the file, line and reason (lib/ml reports it as is). */
export class TabularDataError extends Error {
  override readonly name = "TabularDataError";
}

export interface FeatureMatrix {
  /** Row-major: X[row · cols + col]; NaN = missing. */
  X: Float32Array;
  rows: number;
  cols: number;
}

export interface TabularData {
  featureNames: string[];
  targetColumn: string;
  /** train.csv's Weight column as spelled there, or null where it has none. */
  weightColumn: string | null;
  /** `weight`: each training event's Weight (null: no Weight column, every event counts once). */
  train: FeatureMatrix & { target: Float64Array; weight: Float32Array | null };
  test: FeatureMatrix & { ids: string[] };
}

const NOT_FEATURES = new Set(["eventid", "weight"]);
const TARGET_NAMES = ["label", "class", "target"];
const MISSING_TEXT = new Set(["", "na", "nan", "null"]);
/** HiggsML's value for a feature that is not defined for the event (e.g. jet features without jets). */
const MISSING_VALUE = -999;
const MAX_PROBLEMS = 20;
/** Values per block of Float32Blocks. */
const BLOCK = 1 << 16;

/** float32 values appended one by one (a file's row count is unknown until its end), joined into one array once. */
class Float32Blocks {
  private readonly full: Float32Array[] = [];
  private block = new Float32Array(BLOCK);
  private at = 0;

  push(v: number): void {
    if (this.at === BLOCK) {
      this.full.push(this.block);
      this.block = new Float32Array(BLOCK);
      this.at = 0;
    }
    this.block[this.at++] = v;
  }

  join(): Float32Array {
    const out = new Float32Array(this.full.length * BLOCK + this.at);
    this.full.forEach((b, k) => out.set(b, k * BLOCK));
    out.set(this.block.subarray(0, this.at), this.full.length * BLOCK);
    return out;
  }
}

interface Table {
  header: string[];
  rows: number;
  /** Row-major, the picked columns of each row; NaN = missing. */
  values: Float32Blocks;
  /** Each row's weight, where a weight column was picked. */
  weights: Float32Blocks | null;
  /** The target's text per row (train.csv), the ids (test.csv). */
  texts: string[];
  /** Each row's line in the file. */
  lines: number[];
}

interface Picked {
  columns: number[];
  textColumn: number;
  /** −1: none. */
  weightColumn: number;
}

/** A weight's value, or a reason it is not one: a number ≥ 0 that float32 holds. */
function parseWeight(text: string): number | string {
  const v = text === "" ? NaN : Number(text);
  if (!(v >= 0) || !Number.isFinite(Math.fround(v))) return `is ${JSON.stringify(text)}, not a number ≥ 0 (the event's training weight)`;
  return v;
}

/** Reads a file's header, then `columns` of each row as numbers, `textColumn` as text and `weightColumn` as a weight. */
async function readTable(src: ByteSource, file: string, pick: (header: string[]) => Picked, problems: string[]): Promise<Table> {
  const table: Table = { header: [], rows: 0, values: new Float32Blocks(), weights: null, texts: [], lines: [] };
  const collector = new ProblemCollector(FileProblems);
  let columns: number[] = [];
  let textColumn = -1;
  let weightColumn = -1;
  const add = (line: number, message: string) => void (problems.length < MAX_PROBLEMS && problems.push(`${file} line ${line}: ${message}`));
  const onRecord = (rec: CsvRecord) => {
    if (table.header.length === 0) {
      table.header = Array.from({ length: rec.count }, (_, k) => fieldText(rec, k).trim());
      ({ columns, textColumn, weightColumn } = pick(table.header));
      if (weightColumn >= 0) table.weights = new Float32Blocks();
      return;
    }
    if (rec.malformed !== null) return add(rec.line, rec.malformed);
    if (rec.count !== table.header.length) return add(rec.line, `expected ${table.header.length} fields, found ${rec.count}`);
    for (const k of columns) {
      const text = fieldText(rec, k).trim();
      const v = MISSING_TEXT.has(text.toLowerCase()) ? NaN : Number(text);
      if (Number.isNaN(v) && !MISSING_TEXT.has(text.toLowerCase()))
        add(rec.line, `${table.header[k]} is ${JSON.stringify(text)}, not a number (the baselines take numeric features)`);
      table.values.push(v === MISSING_VALUE ? NaN : v);
    }
    if (table.weights) {
      const w = parseWeight(fieldText(rec, weightColumn).trim());
      if (typeof w === "string") add(rec.line, `${table.header[weightColumn]} ${w}`);
      table.weights.push(typeof w === "string" ? 0 : w);
    }
    table.texts.push(fieldText(rec, textColumn).trim());
    table.lines.push(rec.line);
    table.rows++;
  };
  try {
    await readCsvRecords(src, collector, onRecord);
  } catch (err) {
    if (err instanceof TabularDataError) throw err;
    if (!(err instanceof CsvFormatError)) throw err;
    for (const p of err.problems) problems.push(`${file}${p.line === null ? "" : ` line ${p.line}`}: ${p.message}`);
  }
  if (table.header.length > 0 && table.rows === 0 && problems.length === 0) problems.push(`${file} has a header but no rows`);
  return table;
}

function targetColumnOf(trainHeader: string[], features: ReadonlySet<string>): string {
  const candidates = trainHeader.filter((h) => !features.has(h) && !NOT_FEATURES.has(h.toLowerCase()));
  if (candidates.length === 1) return candidates[0]!;
  const named = candidates.filter((h) => TARGET_NAMES.includes(h.toLowerCase()));
  if (named.length === 1) return named[0]!;
  if (candidates.length === 0)
    throw new TabularDataError(`train.csv has no column beyond test.csv's features, EventId and Weight: there is no target to learn`);
  throw new TabularDataError(
    `train.csv has ${candidates.length} columns that test.csv lacks (${candidates.join(", ")}): the baselines cannot tell which is the target; name it Label, Class or Target`,
  );
}

/** The training target of one row, or a reason it cannot be read. */
function parseTarget(task: TabularTask, text: string): number | string {
  if (task.type === "real") {
    const v = text === "" ? NaN : Number(text);
    if (!Number.isFinite(v)) return `target ${JSON.stringify(text)} is not a number`;
    if (task.relative && v === 0) return "target 0: the metric scores relative errors, which need a non-zero target";
    return v;
  }
  if (task.type === "binary") {
    const t = text.toLowerCase();
    if (t === "1" || t === "s") return 1;
    if (t === "0" || t === "b") return 0;
    return `label ${JSON.stringify(text)} is not 1/0 or s/b`;
  }
  const k = task.classes.indexOf(text);
  if (k >= 0) return k;
  if (/^\d+$/.test(text) && Number(text) < task.classes.length) return Number(text);
  return `class ${JSON.stringify(text)} is not one of the answer key's (${task.classes.join(", ")})`;
}

/** Reads train.csv and test.csv (as stored: gzip or plain) for `task`; throws TabularDataError listing every problem. */
export async function readTabularData(files: { train: ByteSource; test: ByteSource }, task: TabularTask): Promise<TabularData> {
  const problems: string[] = [];
  let featureNames: string[] = [];
  const test = await readTable(
    files.test,
    "test.csv",
    (header) => {
      const idColumn = header.findIndex((h) => h.toLowerCase() === "eventid");
      if (idColumn < 0) throw new TabularDataError(`test.csv line 1: the header has no EventId column`);
      const columns = header.flatMap((h, k) => (k === idColumn ? [] : [k]));
      featureNames = columns.map((k) => header[k]!);
      return { columns, textColumn: idColumn, weightColumn: -1 };
    },
    problems,
  );
  if (problems.length > 0) throw new TabularDataError(`The baselines cannot read the challenge's files:\n  ${problems.join("\n  ")}`);
  if (featureNames.length === 0) throw new TabularDataError("test.csv has no feature columns beside EventId");
  let targetColumn = "";
  let weightColumn: string | null = null;
  const train = await readTable(
    files.train,
    "train.csv",
    (header) => {
      const missing = featureNames.filter((f) => !header.includes(f));
      if (missing.length > 0)
        throw new TabularDataError(
          `train.csv line 1: test.csv's feature${missing.length > 1 ? "s" : ""} ${missing.slice(0, 8).join(", ")} ${missing.length > 1 ? "are" : "is"} not in train.csv`,
        );
      targetColumn = targetColumnOf(header, new Set(featureNames));
      // A Weight that test.csv also has is a feature.
      weightColumn = header.find((h) => h.toLowerCase() === "weight" && !featureNames.includes(h)) ?? null;
      return {
        columns: featureNames.map((f) => header.indexOf(f)),
        textColumn: header.indexOf(targetColumn),
        weightColumn: weightColumn === null ? -1 : header.indexOf(weightColumn),
      };
    },
    problems,
  );
  const target = new Float64Array(train.rows);
  train.texts.forEach((text, i) => {
    const v = parseTarget(task, text);
    if (typeof v === "string") void (problems.length < MAX_PROBLEMS && problems.push(`train.csv line ${train.lines[i]!}: ${v}`));
    else target[i] = v;
  });
  const weight = train.weights?.join() ?? null;
  if (weight && problems.length === 0 && !weight.some((w) => w > 0))
    problems.push(`train.csv: every ${weightColumn} is 0, so no event would count in training`);
  if (problems.length > 0) throw new TabularDataError(`The baselines cannot read the challenge's files:\n  ${problems.join("\n  ")}`);
  const cols = featureNames.length;
  return {
    featureNames,
    targetColumn,
    weightColumn,
    train: { X: train.values.join(), rows: train.rows, cols, target, weight },
    test: { X: test.values.join(), rows: test.rows, cols, ids: test.texts },
  };
}
