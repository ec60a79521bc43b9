import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import type { GeneratedSolution } from "@/challenges/built-in";

// One statement per chunk: big enough to amortise round trips, small enough
// that neither driver builds a parameter string of hundreds of megabytes.
const CHUNK = 100_000;

/** A Postgres array literal; numbers print in shortest round-trip form, so floats survive exactly. */
function arrayLiteral(values: ArrayLike<number>, from: number, to: number): string {
  const parts = new Array<string>(to - from);
  for (let i = from; i < to; i++) parts[i - from] = String(values[i]);
  return `{${parts.join(",")}}`;
}

/**
 * Bulk-inserts the private answer key with `unnest` over one array per column:
 * row-by-row ORM inserts build one parameter list per row and overflow the stack at ~100k rows.
 */
export async function insertSolutionRows(db: Db, datasetId: number, s: GeneratedSolution): Promise<void> {
  const n = s.eventId.length;
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    await db.execute(sql`
      insert into solution_row (dataset_id, event_id, label, weight, usage, aux, value, origin)
      select ${datasetId}, e, l, w, u, nullif(a, 'NaN'::float8), v, nullif(o, -1)
      from unnest(
        ${arrayLiteral(s.eventId, from, to)}::bigint[],
        ${arrayLiteral(s.label, from, to)}::smallint[],
        ${arrayLiteral(s.weight, from, to)}::float8[],
        ${arrayLiteral(s.usage, from, to)}::smallint[],
        ${s.aux ? arrayLiteral(s.aux, from, to) : "{}"}::float8[],
        ${s.value ? arrayLiteral(s.value, from, to) : "{}"}::float8[],
        ${s.origin ? arrayLiteral(s.origin, from, to) : "{}"}::smallint[]
      ) as t(e, l, w, u, a, v, o)`);
  }
  await analyzeSolutionRows(db);
}

/**
 * Planner statistics for the answer keys. Without them the planner guesses a key has ~200 rows and reads each chunk
 * of it (answerKeyChunk, db/queries/scoring.ts) by scanning and sorting the whole key instead of walking the index, on the site's
 * thread with the embedded database. PGlite runs no autovacuum, so nothing else would gather them; PostgreSQL's
 * would, later.
 */
export async function analyzeSolutionRows(db: Db): Promise<void> {
  await db.execute(sql`analyze solution_row`);
}

/**
 * A bytea value for an insert. PGlite turns a bytea parameter into hex one byte
 * at a time in JavaScript (about 2.5 MB/s); base64 text decoded by the server is
 * ten times faster, and the same SQL runs on both drivers.
 */
export function byteaValue(bytes: Uint8Array): SQL {
  return sql`decode(${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64")}, 'base64')`;
}
