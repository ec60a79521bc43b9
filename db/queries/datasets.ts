import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { answerKeyTarget, type GeneratedSolution } from "@/challenges/built-in";
import { byteaValue, insertSolutionRows } from "../bulk";
import type { Db } from "../client";
import { USAGE } from "@/scoring/solution";
import { datasetFiles, datasets, solutionRows } from "../schema";

/** The challenge's current dataset (the newest one). */
export async function currentDataset(db: Db, challengeId: number) {
  const [row] = await db.select().from(datasets).where(eq(datasets.challengeId, challengeId)).orderBy(desc(datasets.id)).limit(1);
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

/** Bytes per query when reading a stored file whole (see datasetFileBytes). */
const FILE_CHUNK_BYTES = 1 << 20;

/**
 * A file of the challenge's current dataset, its gzip bytes only, or undefined. Read as base64 text, as
 * byteaValue writes it (PGlite decodes a bytea column in JavaScript, twenty times slower), and a MiB per query
 * with an event-loop turn between: the embedded database runs each query on the site's thread, so one query per
 * whole file would hold every other request until a large file was read.
 */
export async function datasetFileBytes(db: Db, challengeId: number, filename: string): Promise<Buffer | undefined> {
  const ds = await currentDataset(db, challengeId);
  return ds ? datasetFileBytesOf(db, ds.id, filename) : undefined;
}

/** A given dataset's file (gzip bytes), read as datasetFileBytes reads it: a MiB per query, a turn between. */
export async function datasetFileBytesOf(db: Db, datasetId: number, filename: string): Promise<Buffer | undefined> {
  const of = and(eq(datasetFiles.datasetId, datasetId), eq(datasetFiles.filename, filename));
  const [row] = await db
    .select({ bytes: sql<number>`octet_length(${datasetFiles.gzipContent})` })
    .from(datasetFiles)
    .where(of)
    .limit(1);
  if (!row) return undefined;
  const chunks: Buffer[] = [];
  for (let from = 0; from < row.bytes; from += FILE_CHUNK_BYTES) {
    if (from > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const [chunk] = await db
      .select({ base64: sql<string>`encode(substring(${datasetFiles.gzipContent} from ${from + 1} for ${FILE_CHUNK_BYTES}), 'base64')` })
      .from(datasetFiles)
      .where(of)
      .limit(1);
    chunks.push(Buffer.from(chunk!.base64, "base64"));
  }
  return Buffer.concat(chunks);
}

/** A dataset file as stored: the gzip stream, with the size and SHA-256 of the text it holds. */
export interface StoredFile {
  filename: string;
  description: string;
  gzipContent: Uint8Array;
  sizeBytes: number;
  rows: number;
  sha256: string;
}

/** A new dataset version (manifest, secrets, files, answer key) for a challenge: the newest is the current one. */
export async function insertDataset(
  db: Db,
  p: {
    challengeId: number;
    manifest: Record<string, unknown>;
    secrets: Record<string, unknown>;
    files: readonly StoredFile[];
    solution: GeneratedSolution;
  },
): Promise<number> {
  const [dataset] = await db.insert(datasets).values({ challengeId: p.challengeId, manifest: p.manifest, secrets: p.secrets }).returning();
  if (!dataset) throw new Error("insert returned nothing");
  for (const f of p.files) {
    await db.insert(datasetFiles).values({
      datasetId: dataset.id,
      filename: f.filename,
      description: f.description,
      gzipContent: byteaValue(f.gzipContent),
      sizeBytes: f.sizeBytes,
      rows: f.rows,
      sha256: f.sha256,
    });
  }
  await insertSolutionRows(db, dataset.id, p.solution);
  return dataset.id;
}

/** One column of a dataset's answer key as comma-separated text in event-id order (null for no rows). */
const joined = (column: SQL) => sql<string | null>`string_agg(${column}::text, ',' order by ${solutionRows.eventId})`;
const values = (text: string | null) => (text ? text.split(",") : []);

/**
 * A dataset's answer key in event-id order, with its target (from the manifest), aux and a real key's values (NaN
 * where null), as a generator makes it. Read as one text per column: row by row, PGlite takes ~6 s for 550,000 rows,
 * this ~1 s (floats print in shortest round-trip form, so they come back exactly).
 */
export async function storedAnswerKey(db: Db, datasetId: number): Promise<GeneratedSolution> {
  const [dataset] = await db.select({ manifest: datasets.manifest }).from(datasets).where(eq(datasets.id, datasetId));
  if (!dataset) throw new Error(`dataset ${datasetId} does not exist`);
  const [row] = await db
    .select({
      id: joined(sql`${solutionRows.eventId}`),
      label: joined(sql`${solutionRows.label}`),
      weight: joined(sql`${solutionRows.weight}`),
      usage: joined(sql`${solutionRows.usage}`),
      aux: joined(sql`coalesce(${solutionRows.aux}::text, '')`),
      auxCount: sql<number>`count(${solutionRows.aux})`,
      origin: joined(sql`coalesce(${solutionRows.origin}, -1)`),
      originCount: sql<number>`count(${solutionRows.origin})`,
      value: joined(sql`coalesce(${solutionRows.value}::text, 'NaN')`),
    })
    .from(solutionRows)
    .where(eq(solutionRows.datasetId, datasetId));
  const ids = values(row!.id);
  const target = answerKeyTarget(dataset.manifest);
  const solution: GeneratedSolution = {
    eventId: Int32Array.from(ids, Number),
    label: Uint8Array.from(values(row!.label), Number),
    target,
    weight: Float64Array.from(values(row!.weight), Number),
    usage: Uint8Array.from(values(row!.usage), Number),
  };
  // pg hands count(*) over as a string.
  if (target.type === "real") solution.value = Float64Array.from(values(row!.value), Number);
  if (Number(row!.originCount) > 0) solution.origin = Int8Array.from(values(row!.origin), Number);
  if (Number(row!.auxCount) > 0) solution.aux = Float64Array.from(values(row!.aux), (a) => (a === "" ? Number.NaN : Number(a)));
  // Int32Array would wrap an id beyond 32 bits silently; no generator or importer makes one, so refuse.
  ids.forEach((id, i) => {
    if (solution.eventId[i] !== Number(id)) throw new Error(`event id ${id} of dataset ${datasetId} does not fit 32 bits`);
  });
  return solution;
}

/** How many Control rows of a dataset's key feed each gate: with Origin real / simulated, and with an Aux value. */
export async function controlRowCounts(db: Db, datasetId: number): Promise<{ real: number; simulated: number; correlation: number }> {
  const [row] = await db
    .select({
      real: sql<number>`count(*) filter (where ${solutionRows.origin} = 1)::int`,
      simulated: sql<number>`count(*) filter (where ${solutionRows.origin} = 0)::int`,
      correlation: sql<number>`count(${solutionRows.aux})::int`,
    })
    .from(solutionRows)
    .where(and(eq(solutionRows.datasetId, datasetId), eq(solutionRows.usage, USAGE.Control)));
  return { real: Number(row?.real ?? 0), simulated: Number(row?.simulated ?? 0), correlation: Number(row?.correlation ?? 0) };
}
