import { getDbHandle } from "@/db";
import { env } from "@/lib/env";
import { loadXgboost, needsXgboost } from "./xgboost";

/**
 * Why a family cannot be trained by this process's worker, or null. Only answerable where the worker runs inside
 * the site (the embedded database's default); a separate worker checks again before training and fails the run
 * with the reason.
 */
export async function familyUnavailable(family: string): Promise<string | null> {
  if (!needsXgboost(family)) return null;
  const e = env();
  const inProcess = e.IN_PROCESS_WORKER ? e.IN_PROCESS_WORKER === "true" : (await getDbHandle()).mode === "pglite";
  if (!inProcess) return null;
  const loaded = loadXgboost();
  return loaded.xgb ? null : `XGBoost cannot run on this server: ${loaded.reason}.`;
}
