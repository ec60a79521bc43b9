import { mkdirSync } from "node:fs";
import { getDbHandle } from "../../db";
import type { Db } from "../../db/client";
import { env } from "../../lib/env";

/** Runs `fn` on DATABASE_URL, or the embedded database under DATA_DIR, and closes it after. */
export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  // An import may come before the site's first start, which is what creates the embedded database's folder.
  const { DATABASE_URL, DATA_DIR } = env();
  if (!DATABASE_URL) mkdirSync(DATA_DIR, { recursive: true });
  const handle = await getDbHandle();
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}
