/**
 * Worked examples: the benchmark entries that are ONNX models (the baselines exported by the trainer), which any
 * visitor who can see the challenge may download. Only benchmark entries (team-less, with a benchmark_entry row):
 * a competitor's model is never served here.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../client";

export interface WorkedExample {
  submissionId: number;
  name: string;
  filename: string;
  sizeBytes: number;
  /** Public score when scored; null while queued or when it failed. */
  score: number | null;
  msPer1000: number | null;
}

export async function workedExamples(db: Db, challengeId: number): Promise<WorkedExample[]> {
  const rows = await queryRows(
    db,
    sql`
    select s.id, be.name, s.filename, s.size_bytes, ps.score, s.model_stats
    from benchmark_entry be
    join submission s on s.id = be.submission_id
    left join public_score ps on ps.submission_id = s.id and s.status = 'scored'
    where s.challenge_id = ${challengeId} and s.team_id is null and s.format = 'model'
    order by s.id`,
  );
  return rows.map((r) => {
    const stats = r.model_stats as { msPer1000?: number } | null;
    return {
      submissionId: Number(r.id),
      name: String(r.name),
      filename: String(r.filename),
      sizeBytes: Number(r.size_bytes),
      score: r.score === null ? null : Number(r.score),
      msPer1000: stats?.msPer1000 ?? null,
    };
  });
}

/** The gzip bytes of one worked example of this challenge, or undefined when the id is not one. */
export async function workedExampleFile(
  db: Db,
  challengeId: number,
  submissionId: number,
): Promise<{ filename: string; gz: Uint8Array } | undefined> {
  const [row] = await queryRows(
    db,
    sql`
    select s.filename, encode(f.gzip_content, 'base64') as gz
    from benchmark_entry be
    join submission s on s.id = be.submission_id
    join submission_file f on f.submission_id = s.id
    where s.id = ${submissionId} and s.challenge_id = ${challengeId} and s.team_id is null and s.format = 'model'`,
  );
  return row ? { filename: String(row.filename), gz: Buffer.from(String(row.gz), "base64") } : undefined;
}
