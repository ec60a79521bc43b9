/**
 * What the queue benchmarks (bench/rush.ts, bench/scoring-job.ts) read back after a run: times come from the
 * database's clock, which an in-process worker's scoring cannot delay, as it delays the caller's own event loop.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../client";

/** The database's clock now, as timestamptz text (a starting point for latenciesSince). */
export async function databaseClock(db: Db): Promise<string> {
  const [row] = await queryRows<{ t: string }>(db, sql`select clock_timestamp()::text as t`);
  return row!.t;
}

/** Seconds from `since` to each submission's finish, in id order; null while it is not finished. */
export async function latenciesSince(db: Db, p: { since: string; submissionIds: readonly number[] }): Promise<(number | null)[]> {
  const rows = await queryRows<{ latency: number | null }>(
    db,
    sql`select extract(epoch from finished_at - ${p.since}::timestamptz)::float8 as latency from submission where id in ${p.submissionIds} order by id`,
  );
  return rows.map((r) => r.latency);
}

/** Submissions queued or being scored. */
export async function unscoredCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(
    db,
    sql`select count(*) as n from submission where status in ('queued', 'scoring')`,
  );
  return Number(row!.n);
}

/** Every team submission's status and its seconds from upload to finish (null while unfinished). */
export async function uploadLatencies(db: Db): Promise<{ status: string; latency: number | null }[]> {
  const rows = await queryRows<{ status: string; latency: string | number | null }>(
    db,
    sql`select status, extract(epoch from finished_at - created_at) as latency from submission where team_id is not null`,
  );
  return rows.map((r) => ({ status: r.status, latency: r.latency === null ? null : Number(r.latency) }));
}

/** Public score rows and the submissions they belong to: more rows than submissions means one was scored twice. */
export async function publicScoreRowCounts(db: Db): Promise<{ scores: number; distinctSubmissions: number }> {
  const [row] = await queryRows<{ scores: string | number; distinct_subs: string | number }>(
    db,
    sql`select count(*) as scores, count(distinct submission_id) as distinct_subs from public_score`,
  );
  return { scores: Number(row!.scores), distinctSubmissions: Number(row!.distinct_subs) };
}

/** Seconds from the first scored submission's upload to the last one's finish. */
export async function scoredSpanSeconds(db: Db): Promise<number> {
  const [row] = await queryRows<{ seconds: string | number | null }>(
    db,
    sql`select extract(epoch from max(finished_at) - min(created_at)) as seconds from submission where status = 'scored'`,
  );
  return Number(row!.seconds);
}
