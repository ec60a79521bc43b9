import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../client";

export interface OrphanQuery {
  /** The schema of pg-boss's tables. */
  bossSchema: string;
  /** The queues whose jobs carry a `submissionId`. */
  queues: readonly string[];
  /** Job states that count as live: a submission with such a job is not an orphan. */
  liveStates: readonly string[];
  /** Submissions younger than this are left alone. */
  minAgeSeconds: number;
}

/**
 * Marks queued every submission waiting or mid-scoring, older than `minAgeSeconds`, that has no live job in
 * `queues`; returns their ids (the caller sends their jobs).
 */
export async function requeueOrphanSubmissions(db: Db, q: OrphanQuery): Promise<number[]> {
  const list = (values: readonly string[]) =>
    sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    );
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update submission s set status = 'queued'
        where s.status in ('queued', 'scoring')
          and s.created_at < now() - make_interval(secs => ${q.minAgeSeconds})
          and not exists (
            select 1 from ${sql.raw(q.bossSchema)}.job j
            where j.name in (${list(q.queues)})
              and j.state::text in (${list(q.liveStates)})
              and j.data->>'submissionId' = s.id::text)
        returning s.id`,
  );
  return rows.map((r) => Number(r.id));
}
