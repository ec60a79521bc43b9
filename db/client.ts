import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { analyzeSolutionRows } from "./bulk";
import { lockDataDir } from "./pglite-lock";
import * as schema from "./schema";

/** One type for both drivers, so every query is written once: `fn(db, params)`. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbConfig =
  | { mode: "postgres"; url: string }
  /** dataDir undefined = in memory (tests). */
  | { mode: "pglite"; dataDir?: string };

export interface DbHandle {
  db: Db;
  mode: DbConfig["mode"];
  /** The raw PGlite instance, for the in-process job-queue adapter. */
  pglite?: PGlite;
  pool?: pg.Pool;
  close(): Promise<void>;
}

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Opens the database, applies pending migrations, and fails fast if it cannot connect. */
export async function openDb(config: DbConfig): Promise<DbHandle> {
  if (config.mode === "postgres") {
    const pool = hardenedPool({ connectionString: config.url, max: 10 });
    try {
      await pool.query("select 1");
    } catch (err) {
      await pool.end();
      throw new Error(`Cannot connect to PostgreSQL at ${redact(config.url)}: ${(err as Error).message}`, { cause: err });
    }
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    await migratePg(db as never, { migrationsFolder });
    return { db, mode: "postgres", pool, close: () => pool.end() };
  }
  // A folder is opened by one process at a time (PGlite does not lock it; a second opener loses writes).
  const unlock = config.dataDir ? lockDataDir(config.dataDir) : () => {};
  try {
    const pglite = config.dataDir ? await PGlite.create(config.dataDir) : await PGlite.create();
    const db = drizzlePglite({ client: pglite, schema }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder });
    // PGlite runs no autovacuum: answer keys stored before insertSolutionRows analysed them have no statistics yet.
    const [stats] = await queryRows<{ has: boolean }>(
      db,
      sql`select exists (select 1 from pg_stats where tablename = 'solution_row') as has`,
    );
    if (!stats?.has) await analyzeSolutionRows(db);
    return { db, mode: "pglite", pglite, close: () => pglite.close().finally(unlock) };
  } catch (err) {
    unlock();
    throw err;
  }
}

/**
 * A pool that survives the server going away. A connection dropped while idle in the pool, or while checked out
 * between two statements of a transaction (no query in flight to reject), emits 'error' on its client: without a
 * listener that ends the process. Logged instead; the pool discards the dead client and the next query (or the
 * transaction's next statement) fails with an error the caller handles. A connect that hangs (an unreachable
 * host) gives up after 10 s rather than holding a request forever.
 */
export function hardenedPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({ connectionTimeoutMillis: 10_000, keepAlive: true, ...config });
  pool.on("connect", (client) => client.on("error", (err) => console.error("[db] connection lost:", err.message)));
  // An idle client's error reaches the pool too; the client's own listener has logged it.
  pool.on("error", () => undefined);
  return pool;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
}

/** Rows of a raw SQL query; both drivers return `{ rows }`, which the shared Db type cannot see. */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as { rows: T[] }).rows;
}
