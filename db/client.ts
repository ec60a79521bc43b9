import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
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
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    // An idle connection dropped by a server restart must not crash the process;
    // the pool replaces it on the next query.
    pool.on("error", (err) => console.error("[db] idle connection error:", err.message));
    try {
      await pool.query("select 1");
    } catch (err) {
      await pool.end();
      throw new Error(`Cannot connect to PostgreSQL at ${redact(config.url)}: ${(err as Error).message}`);
    }
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    await migratePg(db as never, { migrationsFolder });
    return { db, mode: "postgres", pool, close: () => pool.end() };
  }
  const pglite = config.dataDir ? await PGlite.create(config.dataDir) : await PGlite.create();
  const db = drizzlePglite({ client: pglite, schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  return { db, mode: "pglite", pglite, close: () => pglite.close() };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
}

/** Rows of a raw SQL query; both drivers return `{ rows }`, which the shared Db type cannot see. */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as { rows: T[] }).rows;
}
