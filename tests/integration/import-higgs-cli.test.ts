/** scripts/import-higgs.ts end to end on a temporary embedded database: exit 2 with every problem, or an import. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { solutionCsv, testCsv, trainingCsv } from "@/challenges/higgs-tautau/csv";
import { simulateHiggs } from "@/challenges/higgs-tautau/simulator/simulate";
import { splitTestSet, trainTestSplit } from "@/challenges/higgs-tautau/split";
import { openDb } from "@/db/client";
import { listDatasetFiles } from "@/db/queries/datasets";
import { getChallengeBySlug } from "@/db/queries/challenges";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "import-higgs-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const events = simulateHiggs({ seed: 5, nEvents: 300 });
const { train, test } = trainTestSplit(events, { seed: 5, testFraction: 0.5 });
const split = splitTestSet(test, { seed: 5 });
const file = (name: string, chunks: Iterable<string>) => {
  const p = path.join(dir, name);
  writeFileSync(p, [...chunks].join(""));
  return p;
};
const training = file("training.csv", trainingCsv(train));
const testFile = file("test.csv", testCsv(test));
const solution = file("solution.csv", solutionCsv(test, split.usage, split.weight));
const badTraining = file("bad-training.csv", [[...trainingCsv(train)].join("").replace(/,s\n/, ",signal\n")]);

function importHiggs(...args: string[]) {
  // An inherited DATABASE_URL must not send this test to a real server (empty counts as unset).
  const env = { ...process.env, DATABASE_URL: "", DATA_DIR: path.join(dir, "data") };
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/import-higgs.ts", ...args], { cwd: ROOT, env, encoding: "utf8" });
}

describe("scripts/import-higgs.ts", () => {
  it("exits with status 2 and the problems with file and line for a bad file", () => {
    const run = importHiggs("--train", badTraining, "--test", testFile, "--solution", solution, "--slug", "cli-bad", "--title", "Bad");
    expect(run.stderr).toMatch(/^The file bad-training\.csv has 1 problem:\n {2}line \d+: Label "signal" is not s or b\n$/);
    expect(run.status).toBe(2);
  });

  it("exits with status 1 and the usage for wrong arguments", () => {
    const run = importHiggs("--train", training, "--slug", "cli", "--title", "T");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("give --cern FILE, or all of --train, --test and --solution");
    expect(run.stderr).toContain("usage: npm run import:higgs");
  });

  it("imports Kaggle's three files as a challenge", async () => {
    const run = importHiggs(
      "--train",
      training,
      "--test",
      testFile,
      "--solution",
      solution,
      "--slug",
      "cli-higgs",
      "--title",
      "CLI import",
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${train.eventId.length} training and ${test.eventId.length} test events`);
    const handle = await openDb({ mode: "pglite", dataDir: path.join(dir, "data", "pglite") });
    try {
      const challenge = await getChallengeBySlug(handle.db, "cli-higgs");
      expect(challenge?.title).toBe("CLI import");
      expect(await getChallengeBySlug(handle.db, "cli-bad")).toBeUndefined();
      expect((await listDatasetFiles(handle.db, challenge!.id)).map((f) => f.rows)).toEqual([
        train.eventId.length,
        test.eventId.length,
        test.eventId.length,
      ]);
    } finally {
      await handle.close();
    }
  });
});
