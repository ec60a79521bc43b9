import { answerKeyTarget, solutionOfStored } from "@/challenges/built-in";
import type { Db } from "@/db";
import { currentDataset, storedAnswerKey } from "@/db/queries/datasets";
import { answerKeyChunk } from "@/db/queries/scoring";
import type { Solution } from "@/scoring";
import type { DatasetMessage } from "./scoring-pool";

/** The answer key as scoring/ reads it: the stored key (one text per column), validated as a parsed file would be. */
async function load(db: Db, datasetId: number): Promise<Solution> {
  const stored = await storedAnswerKey(db, datasetId);
  if (stored.eventId.length === 0) throw new Error(`dataset ${datasetId} has no answer key`);
  return solutionOfStored(stored);
}

/**
 * Rows per query when reading an answer key for a scoring thread. The embedded database runs each query on the
 * site's thread, so a chunk must be short enough that requests waiting behind it are not noticed; that holds for an
 * index scan (planner statistics: see analyzeSolutionRows, without which each chunk scans and sorts the whole key).
 */
const KEY_CHUNK_ROWS = 10_000;

/**
 * A turn of the event loop. An embedded (PGlite) query settles through promise callbacks alone, so awaiting one
 * query after another never lets a timer or a request in, and a large key's chunks read back to back would hold the
 * site as long as one query for the whole key. Between chunks the site answers what came in meanwhile.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The answer key as comma-separated text, aggregated by the database in chunks (answerKeyChunk); the text is parsed
 * on the scoring thread.
 */
async function loadKeyText(db: Db, datasetId: number, real: boolean, withControl: boolean): Promise<DatasetMessage["columns"]> {
  const columns: DatasetMessage["columns"] = {
    ids: [],
    labels: [],
    weights: [],
    usage: [],
    ...(withControl ? { origin: [], aux: [] } : {}),
  };
  let after: number | null = null;
  for (;;) {
    const chunk = await answerKeyChunk(db, { datasetId, real, withControl, after, rows: KEY_CHUNK_ROWS });
    if (!chunk || chunk.n === 0) break;
    for (const c of ["ids", "labels", "weights", "usage", "origin", "aux"] as const) columns[c]?.push(chunk[c]!);
    after = Number(chunk.last);
    if (chunk.n < KEY_CHUNK_ROWS) break;
    await yieldToEventLoop();
  }
  if (columns.ids.length === 0) throw new Error(`dataset ${datasetId} has no answer key`);
  return columns;
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

const dbKeys = new WeakMap<Db, number>();
let dbCount = 0;

/**
 * The current dataset's answer key as columns for a scoring thread, and the key the thread keeps it under (unique
 * per database, dataset and whether it carries the gates' columns, in this process: gates switched on later need a
 * key read again). Only the id is looked up here; `columns` reads the rows when a thread needs them (its first job
 * on the dataset).
 */
export async function datasetKeyForChallenge(
  db: Db,
  challengeId: number,
  withControl: boolean,
): Promise<{ key: string; target: DatasetMessage["target"]; columns: () => Promise<DatasetMessage["columns"]> }> {
  const ds = await currentDataset(db, challengeId);
  if (!ds) throw new Error(`challenge ${challengeId} has no dataset`);
  if (!dbKeys.has(db)) dbKeys.set(db, ++dbCount);
  const target = answerKeyTarget(ds.manifest);
  return {
    key: `${dbKeys.get(db)}:${ds.id}${withControl ? ":control" : ""}`,
    target,
    columns: () => loadKeyText(db, ds.id, target.type === "real", withControl),
  };
}
