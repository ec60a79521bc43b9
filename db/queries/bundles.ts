import { asc, eq, sql, type SQL } from "drizzle-orm";
import { answerKeyTarget, type GeneratedSolution } from "@/challenges/built-in";
import type { Db } from "../client";
import { challenges, datasetFiles, phases, solutionRows } from "../schema";
import { currentDataset } from "./datasets";

/** One column of a dataset's answer key as comma-separated text in event-id order (null for no rows). */
const joined = (column: SQL) => sql<string | null>`string_agg(${column}::text, ',' order by ${solutionRows.eventId})`;
const values = (text: string | null) => (text ? text.split(",") : []);

/**
 * A dataset's answer key in event-id order, aux and a real key's values included (NaN where null), as a generator
 * makes it. Read as one
 * text per column: row by row, PGlite takes ~6 s for 550,000 rows, this ~1 s (floats print in shortest
 * round-trip form, so they come back exactly).
 */
async function answerKey(db: Db, datasetId: number, manifest: Record<string, unknown>): Promise<GeneratedSolution> {
  const [row] = await db
    .select({
      id: joined(sql`${solutionRows.eventId}`),
      label: joined(sql`${solutionRows.label}`),
      weight: joined(sql`${solutionRows.weight}`),
      usage: joined(sql`${solutionRows.usage}`),
      aux: joined(sql`coalesce(${solutionRows.aux}::text, '')`),
      auxCount: sql<number>`count(${solutionRows.aux})`,
      value: joined(sql`coalesce(${solutionRows.value}::text, 'NaN')`),
    })
    .from(solutionRows)
    .where(eq(solutionRows.datasetId, datasetId));
  const ids = values(row!.id);
  const target = answerKeyTarget(manifest);
  const solution: GeneratedSolution = {
    eventId: Int32Array.from(ids, Number),
    label: Uint8Array.from(values(row!.label), Number),
    target,
    weight: Float64Array.from(values(row!.weight), Number),
    usage: Uint8Array.from(values(row!.usage), Number),
  };
  // pg hands count(*) over as a string.
  if (target.type === "real") solution.value = Float64Array.from(values(row!.value), Number);
  if (Number(row!.auxCount) > 0) solution.aux = Float64Array.from(values(row!.aux), (a) => (a === "" ? Number.NaN : Number(a)));
  // Int32Array would wrap an id beyond 32 bits silently; no generator or importer makes one, so refuse.
  ids.forEach((id, i) => {
    if (solution.eventId[i] !== Number(id)) throw new Error(`event id ${id} of dataset ${datasetId} does not fit 32 bits`);
  });
  return solution;
}

/**
 * Everything a challenge bundle holds, for organisers only: the challenge row, its phases, the current
 * dataset's manifest and secrets, its files (gzip bytes) and its private answer key. Undefined when there is
 * no such challenge or it has no dataset.
 */
export async function challengeForBundle(db: Db, challengeId: number) {
  const [challenge] = await db.select().from(challenges).where(eq(challenges.id, challengeId));
  const dataset = challenge && (await currentDataset(db, challengeId));
  if (!challenge || !dataset) return undefined;
  const phaseRows = await db.select().from(phases).where(eq(phases.challengeId, challengeId)).orderBy(asc(phases.position), asc(phases.id));
  const files = await db
    .select({
      filename: datasetFiles.filename,
      description: datasetFiles.description,
      // As byteaValue on the way in: PGlite reads bytea at ~14 MB/s, base64 text twenty times faster.
      gzipBase64: sql<string>`encode(${datasetFiles.gzipContent}, 'base64')`,
      rows: datasetFiles.rows,
      sha256: datasetFiles.sha256,
    })
    .from(datasetFiles)
    .where(eq(datasetFiles.datasetId, dataset.id))
    .orderBy(asc(datasetFiles.id));
  return {
    challenge,
    phases: phaseRows,
    dataset,
    files: files.map(({ gzipBase64, ...f }) => ({ ...f, gzipContent: Buffer.from(gzipBase64, "base64") })),
    solution: await answerKey(db, dataset.id, dataset.manifest),
  };
}
