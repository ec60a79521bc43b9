import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { currentDataset } from "@/db/queries/datasets";
import { solutionRows } from "@/db/schema";
import { solutionFromColumns, type Solution } from "@/scoring";

// Loading 550k answer-key rows takes a second or more; a worker keeps each
// challenge's current solution in memory. Datasets are immutable (a new one gets
// a new id), so keying on the dataset id never serves stale labels, and a newer
// dataset replaces the old entry rather than piling up beside it.
// Per database too: a test process talks to several, whose ids overlap.
type Entry = { datasetId: number; solution: Promise<Solution> };
const caches = new WeakMap<Db, Map<number, Entry>>();

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
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const cached = cache.get(challengeId);
  if (cached?.datasetId === ds.id) return cached.solution;
  const solution = load(db, ds.id);
  cache.set(challengeId, { datasetId: ds.id, solution });
  solution.catch(() => {
    if (cache.get(challengeId)?.solution === solution) cache.delete(challengeId);
  });
  return solution;
}
