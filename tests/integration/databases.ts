import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { openDb, type DbHandle } from "@/db/client";

/**
 * Runs a suite once per database mode: always on in-memory PGlite, and on real
 * PostgreSQL when TEST_DATABASE_URL is set, each time in a fresh database that
 * is created for the suite and dropped after it. The two drivers differ in
 * small ways (bigint and rank() arrive as strings from pg), so every DB test runs on both.
 */
export function describeEachDatabase(name: string, suite: (get: () => DbHandle) => void): void {
  describe(`${name} [pglite]`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openDb({ mode: "pglite" });
    });
    afterAll(async () => {
      await handle?.close();
    });
    suite(() => handle);
  });

  const url = process.env.TEST_DATABASE_URL;
  describe.skipIf(!url)(`${name} [postgres]`, () => {
    let handle: DbHandle;
    let dropDatabase: () => Promise<void> = async () => {};
    beforeAll(async () => {
      const created = await createScratchDatabase(url!);
      dropDatabase = created.drop;
      handle = await openDb({ mode: "postgres", url: created.url });
    });
    afterAll(async () => {
      await handle?.close();
      await dropDatabase();
    });
    suite(() => handle);
  });
}

export async function createScratchDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const dbName = `ca_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
    },
  };
}

if (!process.env.TEST_DATABASE_URL) {
  console.warn("TEST_DATABASE_URL is not set: integration tests run on PGlite only (set it to also test PostgreSQL).");
}
