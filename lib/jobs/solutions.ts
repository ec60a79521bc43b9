import { and, asc, eq } from "drizzle-orm";
import { USAGE_CONTROL, type ControlSample } from "@/challenges/anomaly-detection";
import type { Db } from "@/db";
import { currentDataset } from "@/db/queries/datasets";
import { solutionRows } from "@/db/schema";
import { solutionFromColumns, type Solution } from "@/scoring";

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

// Loading 550k answer-key rows takes a second or more; a worker keeps each
// challenge's current solution in memory. Datasets are immutable (a new one gets
// a new id), so keying on the dataset id never serves stale labels, and a newer
// dataset replaces the old entry rather than piling up beside it.
// Per database too: a test process talks to several, whose ids overlap.
/** Memoises `loader` per database and challenge, keyed on the current dataset's id. */
export function perDataset<T>(loader: (db: Db, datasetId: number) => Promise<T>) {
  const caches = new WeakMap<Db, Map<number, { datasetId: number; value: Promise<T> }>>();
  return async (db: Db, challengeId: number): Promise<T> => {
    const ds = await currentDataset(db, challengeId);
    if (!ds) throw new Error(`challenge ${challengeId} has no dataset`);
    let cache = caches.get(db);
    if (!cache) caches.set(db, (cache = new Map()));
    const cached = cache.get(challengeId);
    if (cached?.datasetId === ds.id) return cached.value;
    const value = loader(db, ds.id);
    cache.set(challengeId, { datasetId: ds.id, value });
    value.catch(() => {
      if (cache.get(challengeId)?.value === value) cache.delete(challengeId);
    });
    return value;
  };
}

/** The answer key of the challenge's current dataset. */
export const solutionForChallenge = perDataset(load);

/** Anomaly detection's background-only control events with their m_JJ, for the mass-sculpting gate. */
export const controlSampleForChallenge = perDataset(async (db, datasetId): Promise<ControlSample> => {
  const rows = await db
    .select({ id: solutionRows.eventId, mjj: solutionRows.aux })
    .from(solutionRows)
    .where(and(eq(solutionRows.datasetId, datasetId), eq(solutionRows.usage, USAGE_CONTROL)))
    .orderBy(asc(solutionRows.eventId));
  if (rows.length === 0 || rows.some((r) => r.mjj === null)) throw new Error(`dataset ${datasetId} has no complete control sample`);
  return { eventId: rows.map((r) => Number(r.id)), mjj: Float64Array.from(rows, (r) => r.mjj!) };
});
