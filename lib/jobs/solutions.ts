import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { currentDataset } from "@/db/queries/datasets";
import { solutionRows } from "@/db/schema";
import { solutionFromColumns, type Solution } from "@/scoring";

// Loading 550k answer-key rows takes a second or more; a worker keeps the
// current dataset's solution in memory. Datasets are immutable (a new one gets a
// new id), so the cache never serves stale labels.
const cache = new Map<number, Promise<Solution>>();

async function load(db: Db, datasetId: number): Promise<Solution> {
  const rows = await db
    .select({ id: solutionRows.eventId, label: solutionRows.label, weight: solutionRows.weight, usage: solutionRows.usage })
    .from(solutionRows)
    .where(eq(solutionRows.datasetId, datasetId))
    .orderBy(asc(solutionRows.eventId));
  if (rows.length === 0) throw new Error(`dataset ${datasetId} has no answer key`);
  return solutionFromColumns({
    ids: rows.map((r) => Number(r.id)),
    labels: Uint8Array.from(rows, (r) => r.label),
    weights: Float64Array.from(rows, (r) => r.weight),
    usage: Uint8Array.from(rows, (r) => r.usage),
  });
}

/** The answer key of the challenge's current dataset. */
export async function solutionForChallenge(db: Db, challengeId: number): Promise<Solution> {
  const ds = await currentDataset(db, challengeId);
  if (!ds) throw new Error(`challenge ${challengeId} has no dataset`);
  let entry = cache.get(ds.id);
  if (!entry) {
    entry = load(db, ds.id);
    cache.set(ds.id, entry);
    entry.catch(() => cache.delete(ds.id));
  }
  return entry;
}
