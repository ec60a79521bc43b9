import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { datasetFiles, datasets } from "../schema";

/** The challenge's current dataset (the newest one). */
export async function currentDataset(db: Db, challengeId: number) {
  const [row] = await db
    .select()
    .from(datasets)
    .where(eq(datasets.challengeId, challengeId))
    .orderBy(desc(datasets.id))
    .limit(1);
  return row;
}

/** File metadata for the data tab; the content stays in the database. */
export async function listDatasetFiles(db: Db, challengeId: number) {
  const ds = await currentDataset(db, challengeId);
  if (!ds) return [];
  return db
    .select({
      filename: datasetFiles.filename,
      description: datasetFiles.description,
      sizeBytes: datasetFiles.sizeBytes,
      /** What a download transfers: the stored gzip stream's length. */
      gzipBytes: sql<number>`octet_length(${datasetFiles.gzipContent})`.mapWith(Number),
      rows: datasetFiles.rows,
      sha256: datasetFiles.sha256,
    })
    .from(datasetFiles)
    .where(eq(datasetFiles.datasetId, ds.id))
    .orderBy(datasetFiles.id);
}

export async function getDatasetFile(db: Db, challengeId: number, filename: string) {
  const ds = await currentDataset(db, challengeId);
  if (!ds) return undefined;
  const [row] = await db
    .select()
    .from(datasetFiles)
    .where(and(eq(datasetFiles.datasetId, ds.id), eq(datasetFiles.filename, filename)))
    .limit(1);
  return row;
}

/**
 * A file of the challenge's current dataset, its gzip bytes only, or undefined. Read as base64 text, as
 * byteaValue writes it: PGlite decodes a bytea column in JavaScript on the site's thread, twenty times slower.
 */
export async function datasetFileBytes(db: Db, challengeId: number, filename: string): Promise<Buffer | undefined> {
  const ds = await currentDataset(db, challengeId);
  if (!ds) return undefined;
  const [row] = await db
    .select({ gzipBase64: sql<string>`encode(${datasetFiles.gzipContent}, 'base64')` })
    .from(datasetFiles)
    .where(and(eq(datasetFiles.datasetId, ds.id), eq(datasetFiles.filename, filename)))
    .limit(1);
  return row ? Buffer.from(row.gzipBase64, "base64") : undefined;
}

/** One file of a given dataset (the scoring worker's view: datasets are immutable, so the id pins the content). */
export async function getDatasetFileOfDataset(db: Db, datasetId: number, filename: string) {
  const [row] = await db
    .select({ gzipContent: datasetFiles.gzipContent })
    .from(datasetFiles)
    .where(and(eq(datasetFiles.datasetId, datasetId), eq(datasetFiles.filename, filename)))
    .limit(1);
  return row;
}
