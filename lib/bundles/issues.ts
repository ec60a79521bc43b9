/**
 * Problems found in a bundle, gathered from every part of it so its author fixes them in one pass. Each part
 * (challenge.yaml, solution.csv, data/test.csv…) keeps its first MAX_PER_SOURCE messages; the rest are counted,
 * so a 550,000-row file with a wrong column gives a readable list, not half a million lines.
 */
import type { CsvFormatError } from "@/scoring/parsing/errors";

const MAX_PER_SOURCE = 20;

/** A bundle that cannot be imported, with every problem found (each one line, prefixed by the part it is in). */
export class BundleError extends Error {
  override readonly name = "BundleError";
  constructor(readonly issues: string[]) {
    super(`The bundle has ${issues.length} problem${issues.length === 1 ? "" : "s"}:\n${issues.map((i) => `  ${i}`).join("\n")}`);
  }
}

export class IssueList {
  private readonly kept: string[] = [];
  private readonly perSource = new Map<string, number>();

  add(source: string, message: string): void {
    const n = (this.perSource.get(source) ?? 0) + 1;
    this.perSource.set(source, n);
    if (n <= MAX_PER_SOURCE) this.kept.push(`${source}: ${message}`);
  }

  /** A CSV reader's problems, each with its line, and the ones it only counted. */
  addFormatError(source: string, err: CsvFormatError): void {
    for (const p of err.problems) this.add(source, p.line === null ? p.message : `line ${p.line}: ${p.message}`);
    const uncounted = err.totalProblems - err.problems.length;
    if (uncounted > 0) this.perSource.set(source, (this.perSource.get(source) ?? 0) + uncounted);
  }

  throwIfAny(): void {
    if (this.kept.length === 0) return;
    const more = [...this.perSource]
      .filter(([, n]) => n > MAX_PER_SOURCE)
      .map(([source, n]) => `${source}: and ${n - MAX_PER_SOURCE} more problems`);
    throw new BundleError([...this.kept, ...more]);
  }
}
