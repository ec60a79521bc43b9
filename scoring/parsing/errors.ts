/** One problem found in a CSV file; `line` is 1-based (the header is line 1), null when not tied to a line. */
export interface FormatProblem {
  line: number | null;
  message: string;
}

/** How many problems an error keeps verbatim; the rest are only counted (people fix files in batches, not 10,000 at once). */
export const MAX_REPORTED_PROBLEMS = 20;

function summarise(kind: string, problems: readonly FormatProblem[], totalProblems: number): string {
  const lines = problems.map((p) => (p.line === null ? p.message : `line ${p.line}: ${p.message}`));
  const rest = totalProblems - problems.length;
  if (rest > 0) lines.push(`and ${rest} more problem${rest === 1 ? "" : "s"}`);
  const head = `${kind} has ${totalProblems} problem${totalProblems === 1 ? "" : "s"}:`;
  return [head, ...lines.map((l) => `  ${l}`)].join("\n");
}

/** Base class: a file that cannot be scored, with every problem found (up to the cap) rather than only the first. */
export class CsvFormatError extends Error {
  readonly problems: FormatProblem[];
  readonly totalProblems: number;

  constructor(kind: string, problems: FormatProblem[], totalProblems = problems.length) {
    super(summarise(kind, problems, totalProblems));
    this.problems = problems;
    this.totalProblems = totalProblems;
  }
}

/** A competitor's file is malformed: shown to the competitor, never turned into a score. */
export class SubmissionFormatError extends CsvFormatError {
  override readonly name = "SubmissionFormatError";
  constructor(problems: FormatProblem[], totalProblems = problems.length) {
    super("The submission", problems, totalProblems);
  }
}

/** The organiser's solution file is malformed: an operator problem, distinct so callers do not blame competitors. */
export class SolutionFormatError extends CsvFormatError {
  override readonly name = "SolutionFormatError";
  constructor(problems: FormatProblem[], totalProblems = problems.length) {
    super("The solution", problems, totalProblems);
  }
}

export type FormatErrorClass = new (problems: FormatProblem[], totalProblems?: number) => CsvFormatError;

/**
 * Collects problems while a file is read, keeping the first MAX_REPORTED_PROBLEMS.
 * `fatal` throws at once (for problems that make the rest of the file unreadable, e.g. binary data).
 */
export class ProblemCollector {
  readonly problems: FormatProblem[] = [];
  total = 0;

  constructor(private readonly errorClass: FormatErrorClass) {}

  /** `message` may be a function, called only if the problem is kept (for messages that cost a search). */
  add(line: number | null, message: string | (() => string)): void {
    this.total++;
    if (this.problems.length < MAX_REPORTED_PROBLEMS)
      this.problems.push({ line, message: typeof message === "string" ? message : message() });
  }

  /** A problem that sums up many (e.g. "1,000 of 550,000 events are missing"): kept even past the cap. */
  addSummary(line: number | null, message: string): void {
    this.total++;
    this.problems.push({ line, message });
  }

  fatal(line: number | null, message: string): never {
    this.add(line, message);
    throw this.toError();
  }

  toError(): CsvFormatError {
    return new this.errorClass(this.problems.slice(), this.total);
  }

  throwIfAny(): void {
    if (this.total > 0) throw this.toError();
  }
}
