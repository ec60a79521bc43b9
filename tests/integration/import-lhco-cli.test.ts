/** scripts/import-lhco.ts end to end on a temporary embedded database, on the real LHC Olympics files. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { listDatasetFiles } from "@/db/queries/datasets";
import { SHARED_DATA_DIR } from "@/lib/shared-data";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DATA = SHARED_DATA_DIR;
const TRAIN = path.join(DATA, "lhco2020-rnd-sr-train.csv.gz");
const TEST = path.join(DATA, "lhco2020-rnd-sr-test.csv.gz");
const haveData = existsSync(TRAIN) && existsSync(TEST);
if (!haveData) console.warn(`${DATA} lacks the LHC Olympics files: the LHCO import test is skipped.`);

const dir = mkdtempSync(path.join(os.tmpdir(), "import-lhco-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function importLhco(...args: string[]) {
  const env = { ...process.env, DATABASE_URL: "", DATA_DIR: path.join(dir, "data") };
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/import-lhco.ts", ...args], { cwd: ROOT, env, encoding: "utf8" });
}

describe("scripts/import-lhco.ts", () => {
  it("exits with status 2 and the line of a bad row, creating nothing", () => {
    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, "mjj_TeV,mj_min_TeV,delta_mj_TeV,tau21_jmin,tau21_jmax,label\n3.5,0.1,0.4,0.3,0.2,0\n3.4,abc,0.4,0.3,0.2,1\n");
    const run = importLhco("--train", bad, "--test", bad, "--slug", "lhco-bad", "--title", "Bad");
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/line 3/);
  });

  it.skipIf(!haveData)("imports the real R&D files as a Track A challenge with hidden labels", async () => {
    const run = importLhco("--train", TRAIN, "--test", TEST, "--slug", "lhco", "--title", "LHCO R&D", "--seed", "11");
    expect(run.status, run.stderr).toBe(0);
    // The test file holds 20,000 signal and 40,000 background events, split between the two boards.
    const subsets = JSON.parse(/: (\{.*\})$/m.exec(run.stdout)![1]!) as Record<string, { signal: number; background: number }>;
    expect(subsets.Public!.signal + subsets.Private!.signal).toBe(20_000);
    expect(subsets.Public!.background + subsets.Private!.background).toBe(40_000);
    const handle = await openDb({ mode: "pglite", dataDir: path.join(dir, "data", "pglite") });
    try {
      const c = await getChallengeBySlug(handle.db, "lhco");
      expect(c?.kind).toBe("anomaly-detection");
      const files = await listDatasetFiles(handle.db, c!.id);
      expect(files.map((f) => [f.filename, f.rows])).toEqual([
        ["train.csv", 49_605],
        ["test.csv", 70_000],
        ["sample_submission.csv", 70_000],
      ]);
    } finally {
      await handle.close();
    }
  });
});
