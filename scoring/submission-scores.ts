/** Score submission (anomaly detection and other challenges): `EventId,score`, one finite decimal per event. */
import type { ByteSource } from "./byte-source";
import type { CsvReadOptions } from "./csv-reader";
import { quoteValue, readTable } from "./csv-table";
import { ProblemCollector, SubmissionFormatError } from "./errors";
import { parseDecimal } from "./parse-number";
import type { SolutionIndex } from "./solution-index";
import { SubmissionRows } from "./submission-rows";

export const SCORE_SUBMISSION_COLUMNS = ["EventId", "score"] as const;

/** Aligned with the solution's rows: scores[i] belongs to solution.ids[i]. */
export interface ScoreSubmission {
  scores: Float64Array;
}

export async function parseScoreSubmission(src: ByteSource, index: SolutionIndex, opts: CsvReadOptions = {}): Promise<ScoreSubmission> {
  const problems = new ProblemCollector(SubmissionFormatError);
  const records = new SubmissionRows(index, problems, new Float64Array(index.size));
  await readTable(
    src,
    SCORE_SUBMISSION_COLUMNS,
    problems,
    (rec, col) => {
      const cScore = col[1]!;
      const score = parseDecimal(rec.buf, rec.starts[cScore]!, rec.ends[cScore]!);
      if (!Number.isFinite(score)) problems.add(rec.line, `score ${quoteValue(rec, cScore)} is not a finite number`);
      records.add(rec, col[0]!, score);
    },
    opts,
  );
  const scores = new Float64Array(index.size);
  records.scatter(scores);
  problems.throwIfAny();
  return { scores };
}
