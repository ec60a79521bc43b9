import path from "node:path";
import { env, type Env } from "@/lib/env";
import { openDb, type DbConfig, type DbHandle } from "./client";

export type { Db, DbHandle } from "./client";

export function dbConfigFromEnv(e: Env): DbConfig {
  return e.DATABASE_URL ? { mode: "postgres", url: e.DATABASE_URL } : { mode: "pglite", dataDir: path.resolve(e.DATA_DIR, "pglite") };
}

// The start script and the bundled Next.js server code are separate module
// graphs in one process; a global symbol lets both share one connection (PGlite
// must be opened exactly once per data folder).
const KEY = Symbol.for("collider-arena.db");
type Holder = { [KEY]?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as Holder;
  g[KEY] ??= openDb(dbConfigFromEnv(env())).catch((err: unknown) => {
    g[KEY] = undefined;
    throw err;
  });
  return g[KEY];
}

export async function getDb() {
  return (await getDbHandle()).db;
}
