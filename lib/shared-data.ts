/**
 * Where the real data sets live: `../shared/data` beside the checkout (read-only, never copied into the repo).
 * COLLIDER_SHARED_DATA points elsewhere — e.g. `/nonexistent` to prove the tests and benchmarks skip without it on
 * a machine that has it.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SHARED_DATA_DIR = process.env.COLLIDER_SHARED_DATA || fileURLToPath(new URL("../../shared/data", import.meta.url));

/** The absolute path of one real-data file. */
export function sharedDataFile(name: string): string {
  return path.join(SHARED_DATA_DIR, name);
}
