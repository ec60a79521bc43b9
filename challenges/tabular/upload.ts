/**
 * A tabular challenge's dataset from the organiser's three CSV files: train.csv (anything with a header: features
 * and the training target, published as is), test.csv (an EventId column and the features, published) and the
 * answer key (EventId, Label or Class, optional Weight, Usage: scoring/parsing/solution-csv.ts), kept private.
 * Checked before anything is stored: every problem with its file and line; the test file's ids exactly the key's;
 * no answer-key column (Label, Class, Weight, Usage) in test.csv, which competitors download; both leaderboards
 * non-empty; ids whole numbers (the database keys events by them).
 *
 * Example: test.csv "EventId,x / 1,0.5 / 2,0.7" with solution.csv "EventId,Label,Usage / 1,1,Public / 2,0,Private"
 * gives a binary key of two events, one per leaderboard.
 */
import { CsvFormatError, type FormatProblem, ProblemCollector } from "../../scoring/parsing/errors";
import { readSolution, type ReadSolution } from "../../scoring/parsing/solution-csv";
import { USAGE_PRIVATE, USAGE_PUBLIC } from "../../scoring/solution";
import { MAX_EVENT_ID, storedSolution, type GeneratedDataset, type GeneratedFile, type GeneratedSolution } from "../built-in";
import { UploadError } from "../kind";
import { checkKeyIdsAgainstTest, type CsvTable, readCsvTable } from "../shared/answer-key-ids";

export const TABULAR_FILES = { train: "train.csv", test: "test.csv", solution: "solution.csv" } as const;
type FileRole = keyof typeof TABULAR_FILES;
type Issues = { file: string; line: number | null; message: string }[];

/** A file's format problems, collected under its own name by whoever reads it. */
export class FileProblems extends CsvFormatError {
  constructor(problems: FormatProblem[], total = problems.length) {
    super("The file", problems, total);
  }
}

export interface TabularUpload {
  train: Uint8Array;
  test: Uint8Array;
  solution: Uint8Array;
  /** What the key's Label/Class column holds. */
  target: "binary" | "multiclass" | "real";
  /** Multiclass: the class names in order (absent: the key's own names, sorted). */
  classes?: readonly string[];
}

const KEY_COLUMNS = new Set(["label", "class", "weight", "usage", "origin", "aux"]);

/** Runs one file's check, collecting its problems under the file's name instead of throwing at the first file. */
async function checked<T>(role: FileRole, issues: Issues, read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    if (!(err instanceof CsvFormatError)) throw err;
    for (const p of err.problems) issues.push({ file: TABULAR_FILES[role], line: p.line, message: p.message });
    if (err.totalProblems > err.problems.length)
      issues.push({ file: TABULAR_FILES[role], line: null, message: `and ${err.totalProblems - err.problems.length} more problems` });
    return null;
  }
}

function checkKeyAgainstTest({ solution, lines }: ReadSolution, test: CsvTable, issues: Issues): GeneratedSolution | null {
  const add = (role: FileRole, line: number | null, message: string) =>
    issues.length < 40 && issues.push({ file: TABULAR_FILES[role], line, message });
  for (const name of test.header)
    if (KEY_COLUMNS.has(name.toLowerCase()))
      add("test", 1, `column ${JSON.stringify(name)} belongs to the answer key: competitors download test.csv, so it must not carry it`);
  const stored = storedSolution(solution, (row, id) =>
    add("solution", lines[row]!, `EventId ${JSON.stringify(id)} is not a whole number from 0 to ${MAX_EVENT_ID}`),
  );
  const key = { length: solution.ids.length, at: (row: number) => solution.ids.at(row), line: (row: number) => lines[row]! };
  checkKeyIdsAgainstTest(key, test, { key: TABULAR_FILES.solution, test: TABULAR_FILES.test }, (side, line, message) =>
    add(side === "key" ? "solution" : "test", line, message),
  );
  for (const [code, name] of [
    [USAGE_PUBLIC, "Public"],
    [USAGE_PRIVATE, "Private"],
  ] as const) {
    if (!solution.usage.includes(code)) add("solution", null, `no ${name} rows: each leaderboard needs some (Usage column)`);
  }
  return stored;
}

function publishedFile(role: "train" | "test", bytes: Uint8Array, rows: number, description: string): GeneratedFile {
  return { filename: TABULAR_FILES[role], description, rows, chunks: [new TextDecoder().decode(bytes)] };
}

/** The dataset of an organiser's tabular challenge, or an UploadError with every problem found. */
export async function tabularDataset(u: TabularUpload): Promise<GeneratedDataset> {
  const issues: Issues = [];
  const train = await checked("train", issues, () => readCsvTable(u.train, new ProblemCollector(FileProblems)));
  const test = await checked("test", issues, () => readCsvTable(u.test, new ProblemCollector(FileProblems), "EventId"));
  const solution = await checked("solution", issues, () => readSolution(u.solution, { target: u.target, classes: u.classes }));
  const stored = solution && test ? checkKeyAgainstTest(solution, test, issues) : null;
  if (issues.length > 0 || !train || !test || !stored) throw new UploadError(issues);
  return {
    manifest: {
      source: "organiser upload",
      target: stored.target,
      events: { train: train.rows, test: test.rows },
      trainColumns: train.header.length,
    },
    files: [
      publishedFile("train", u.train, train.rows, "Training events: the features and the target, as the organiser gave them"),
      publishedFile("test", u.test, test.rows, "Test events: EventId and the features; predict the target for each"),
    ],
    solution: stored,
  };
}
