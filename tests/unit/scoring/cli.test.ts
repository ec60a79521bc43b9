/** The CLI end to end (two spawns, to keep the suite fast): JSON on success, exit 2 with problems on a bad file. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "./helpers";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

function score(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/score.ts", ...args], { cwd: ROOT, encoding: "utf8" });
}

describe("scripts/score.ts", () => {
  it("prints one JSON object with Public and Private AMS for a gzip submission", () => {
    const run = score("--solution", `${FIXTURES}solution-small.csv`, "--submission", `${FIXTURES}higgs-valid.csv.gz`, "--bootstrap", "20");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result)).toEqual(["Public", "Private"]);
    expect(result.Public).toMatchObject({ s: 1.5, b: 4 });
    expect(result.Private.std).toBeGreaterThanOrEqual(0);
  });

  it("exits with status 2 and the problems (line and reason) on stderr for a bad submission", () => {
    const run = score("--solution", `${FIXTURES}solution-small.csv`, "--submission", `${FIXTURES}higgs-rank-duplicate.csv`);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("line 11: RankOrder 2 appears again (first on line 10)");
  });
});
