/**
 * Reads and validates a challenge bundle (a zip: challenge.yaml, description.md, data/<file>…, solution.csv;
 * see lib/bundles/README.md) entirely in memory, before anything touches a database. Every problem found in
 * any part is collected and thrown together as one BundleError.
 *
 * Example: a zip whose challenge.yaml names metric `auc` for a higgs-tautau challenge and whose solution.csv
 * labels its first event `x` throws one BundleError with issues
 *   ["challenge.yaml: metric: auc cannot score a higgs-tautau challenge (use ams)",
 *    "solution.csv: line 2: Label \"x\" is not s/b or 1/0"].
 */
import { strFromU8 } from "fflate";
import { type ChallengeKind, kindOf } from "@/challenges";
import { type GeneratedSolution, MAX_EVENT_ID, storedSolution } from "@/challenges/built-in";
import { checkKeyIdsAgainstTest, type CsvTable, readCsvTable } from "@/challenges/shared/answer-key-ids";
import { CsvFormatError, type FormatProblem, ProblemCollector, SolutionFormatError } from "@/scoring/parsing/errors";
import { USAGE, USAGE_PRIVATE, USAGE_PUBLIC } from "@/scoring/solution";
import { readSolution } from "@/scoring/parsing/solution-csv";
import { BundleError, IssueList } from "./issues";
import { unzipLimited } from "./unzip";
import {
  type BundleManifest,
  DATA_DIR,
  DESCRIPTION_FILE,
  MANIFEST_FILE,
  parseManifest,
  SOLUTION_FILE,
  type SolutionShape,
} from "./manifest";
import { isUtf8, lineCount, sha256Hex } from "./text-file";

/** A data file as competitors download it (content uncompressed). */
export interface BundleFile {
  name: string;
  description: string;
  rows: number;
  sha256: string;
  content: Uint8Array;
}

/** A bundle that passed every check: what importBundle needs, nothing read from a database. */
export interface ParsedBundle {
  manifest: BundleManifest;
  /** description.md (Markdown). */
  description: string;
  files: BundleFile[];
  solution: GeneratedSolution;
}

export interface ReadBundleOptions {
  /** Largest total unzipped size accepted (a zip bomb stops here, mid-entry); default 4 GiB. */
  maxUnzippedBytes?: number;
}

/** The stored answer key with the line of each row in solution.csv, for messages about ids. */
type ParsedSolution = GeneratedSolution & { lines: Int32Array };

const EMPTY_SOLUTION: ParsedSolution = {
  eventId: new Int32Array(0),
  label: new Uint8Array(0),
  weight: new Float64Array(0),
  usage: new Uint8Array(0),
  lines: new Int32Array(0),
};

/**
 * solution.csv through the one answer-key codec (scoring/parsing/solution-csv.ts), every problem to `issues`. A kind scored
 * by simulation has no key: its solution.csv is a header alone. Null when the key cannot be used.
 */
async function readSolutionFile(bytes: Uint8Array, shape: SolutionShape, issues: IssueList): Promise<ParsedSolution | null> {
  if (shape === null) return null;
  if ("headerOnly" in shape) {
    const rows = lineCount(bytes) - 1;
    if (rows > 0)
      issues.add(
        SOLUTION_FILE,
        `a ${shape.headerOnly.id} challenge has no answer key (it is scored by simulation): expected only the header, found ${rows} rows`,
      );
    return EMPTY_SOLUTION;
  }
  const target = shape.rows;
  try {
    const { solution, lines } = await readSolution(bytes, {
      target: target.type,
      classes: target.type === "multiclass" ? target.classes : undefined,
      strictUsage: true,
      // The bundle's own size limit applied when it was unzipped.
      maxBytes: Math.max(bytes.byteLength, 1),
    });
    const stored = storedSolution(solution, (row, id) =>
      issues.add(SOLUTION_FILE, `line ${lines[row]}: EventId ${JSON.stringify(id)} is not a whole number from 0 to ${MAX_EVENT_ID}`),
    );
    return stored && { ...stored, lines };
  } catch (err) {
    if (!(err instanceof SolutionFormatError)) throw err;
    issues.addFormatError(SOLUTION_FILE, err);
    return null;
  }
}

/** Files each kind's solution must match by EventId: the file competitors predict on. */
const testFilesOf = (kind: ChallengeKind) => kind.answerKey?.testFiles ?? [];

/** CSV files count data rows below a header; a kind whose files are not tables (example designs) counts lines. */
const rowsOf = (kind: ChallengeKind, bytes: Uint8Array) => lineCount(bytes) - (kind.fileRows === "lines" ? 0 : 1);

/** Zip entries by name; a zip made by zipping a folder (one top folder around everything) is read as if flat. */
function unzipEntries(zip: Uint8Array, maxBytes: number): Map<string, Uint8Array> {
  const files = Object.fromEntries(unzipLimited(zip, maxBytes, (name) => !name.endsWith("/") && !name.startsWith("__MACOSX/")));
  const names = Object.keys(files);
  const top = names[0]?.split("/")[0];
  const prefix = !(MANIFEST_FILE in files) && top && names.every((n) => n.startsWith(`${top}/`)) ? `${top}/` : "";
  return new Map(names.map((n) => [n.slice(prefix.length), files[n]!]));
}

/** The test file's table problems, as the CSV reader reports them. */
class TestFileProblems extends CsvFormatError {
  constructor(problems: FormatProblem[], total = problems.length) {
    super("The test file", problems, total);
  }
}

/** The ids of the kind's test file must be exactly the solution's ids (the same check as an organiser's upload). */
async function checkIdsMatch(testFile: string, content: Uint8Array, solution: ParsedSolution, issues: IssueList): Promise<void> {
  let test: CsvTable;
  try {
    test = await readCsvTable(content, new ProblemCollector(TestFileProblems), "EventId", Math.max(content.byteLength, 1));
  } catch (err) {
    if (!(err instanceof CsvFormatError)) throw err;
    issues.addFormatError(testFile, err);
    return;
  }
  const key = {
    length: solution.eventId.length,
    at: (row: number) => String(solution.eventId[row]),
    line: (row: number) => solution.lines[row]!,
  };
  checkKeyIdsAgainstTest(key, test, { key: SOLUTION_FILE, test: testFile }, (side, line, message) => {
    issues.add(side === "key" ? SOLUTION_FILE : testFile, line === null ? message : `line ${line}: ${message}`);
  });
}

/** What a scorer of the kind needs from the answer key beyond well-formed rows. */
function checkSolutionForKind(kind: ChallengeKind, s: ParsedSolution, issues: IssueList): void {
  if (!kind.answerKey) return;
  // scoring/ refuses an empty leaderboard subset at every score; say so now, once.
  for (const [code, name] of [
    [USAGE_PUBLIC, "Public"],
    [USAGE_PRIVATE, "Private"],
  ] as const) {
    if (!s.usage.includes(code)) issues.add(SOLUTION_FILE, `no ${name} rows: each leaderboard needs some`);
  }
  if (!kind.answerKey.controlNeedsAux) return;
  // The mass-sculpting gate reads the control events' m_JJ from Aux.
  s.usage.forEach((u, i) => {
    if (u === USAGE.Control && !(s.aux && Number.isFinite(s.aux[i]!)))
      issues.add(SOLUTION_FILE, `line ${s.lines[i]}: a Control row needs its m_JJ in Aux`);
  });
}

/** Validates every listed file against challenge.yaml, and the test file's ids against the solution. */
async function readFiles(
  manifest: BundleManifest,
  entries: Map<string, Uint8Array>,
  solution: ParsedSolution | null,
  issues: IssueList,
): Promise<BundleFile[]> {
  const files: BundleFile[] = [];
  for (const entry of manifest.dataset.files) {
    const path = `${DATA_DIR}${entry.name}`;
    const content = entries.get(path);
    if (!content) {
      issues.add(path, `listed in ${MANIFEST_FILE} but missing from the zip`);
      continue;
    }
    if (!isUtf8(content)) issues.add(path, "is not UTF-8 text");
    const sha256 = sha256Hex(content);
    if (sha256 !== entry.sha256)
      issues.add(path, `SHA-256 is ${sha256}, ${MANIFEST_FILE} says ${entry.sha256} (the file was changed or damaged)`);
    const rows = rowsOf(kindOf(manifest.kind), content);
    if (rows !== entry.rows) issues.add(path, `has ${rows} rows, ${MANIFEST_FILE} says ${entry.rows}`);
    files.push({ ...entry, content });
  }
  const listed = new Set(manifest.dataset.files.map((f) => `${DATA_DIR}${f.name}`));
  for (const name of entries.keys()) {
    if (![MANIFEST_FILE, DESCRIPTION_FILE, SOLUTION_FILE].includes(name) && !listed.has(name))
      issues.add(name, `is in the zip but not listed in ${MANIFEST_FILE}`);
  }
  const testFiles = testFilesOf(kindOf(manifest.kind));
  const testName = testFiles.find((name) => listed.has(`${DATA_DIR}${name}`));
  if (testFiles.length > 0 && !testName) {
    issues.add(
      MANIFEST_FILE,
      `a ${manifest.kind} bundle needs ${testFiles.join(" or ")} in dataset.files (the events the solution labels)`,
    );
  }
  const testContent = testName && entries.get(`${DATA_DIR}${testName}`);
  if (testName && testContent && solution) await checkIdsMatch(`${DATA_DIR}${testName}`, testContent, solution, issues);
  if (solution) checkSolutionForKind(kindOf(manifest.kind), solution, issues);
  return files;
}

/** Unzips and validates a bundle; throws BundleError with every problem found. */
export async function readBundle(zip: Uint8Array, opts: ReadBundleOptions = {}): Promise<ParsedBundle> {
  const entries = unzipEntries(zip, opts.maxUnzippedBytes ?? 4 * 2 ** 30);
  const yamlBytes = entries.get(MANIFEST_FILE);
  if (!yamlBytes) throw new BundleError([`${MANIFEST_FILE} is missing (a bundle has it at the top level of the zip)`]);
  const issues = new IssueList();
  const { manifest, issues: manifestIssues, solution: shape } = parseManifest(strFromU8(yamlBytes));
  for (const issue of manifestIssues) issues.add(MANIFEST_FILE, issue);
  const descriptionBytes = entries.get(DESCRIPTION_FILE);
  if (!descriptionBytes) issues.add(DESCRIPTION_FILE, "is missing (the challenge's Markdown description; it may be empty)");
  else if (!isUtf8(descriptionBytes)) issues.add(DESCRIPTION_FILE, "is not UTF-8 text");
  const solutionBytes = entries.get(SOLUTION_FILE);
  if (!solutionBytes) issues.add(SOLUTION_FILE, "is missing (the answer key; a detector-design bundle has only its header)");
  const solution = solutionBytes ? await readSolutionFile(solutionBytes, shape, issues) : null;
  // Without a valid manifest nothing says which files to expect; the problems so far are all there is to say.
  const files = manifest ? await readFiles(manifest, entries, solution, issues) : [];
  issues.throwIfAny();
  return { manifest: manifest!, description: strFromU8(descriptionBytes!), files, solution: solution! };
}
