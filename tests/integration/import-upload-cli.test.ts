/**
 * scripts/import-upload.ts end to end on a temporary embedded database: a tabular challenge with its
 * Flavours-of-Physics checks switched on from the command line, and bad gate fields refused with exit status 2,
 * the reason, and nothing created.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { gatedEvents, gatedFiles } from "../fixtures/gated-tabular";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "import-upload-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The organiser's three files on disk: the gated fixture, or one with 999 real control rows. */
function writeFiles(name: string, events = gatedEvents()): string[] {
  const files = gatedFiles(events);
  const args = (["train", "test", "solution"] as const).flatMap((f) => {
    const file = path.join(dir, `${name}-${f}.csv`);
    writeFileSync(file, files[f]);
    return [`--${f}`, file];
  });
  return [...args, "--target", "binary", "--metric", "auc"];
}

function importUpload(...args: string[]) {
  const env = { ...process.env, DATABASE_URL: "", DATA_DIR: path.join(dir, "data") };
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/import-upload.ts", ...args], { cwd: ROOT, env, encoding: "utf8" });
}

describe("scripts/import-upload.ts", () => {
  it("lists each upload's gate fields in its help", () => {
    const run = importUpload("--help");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("--gate-ks-agreement off|on: Check: Agreement between simulation and real data");
    expect(run.stdout).toContain("--gate-cvm-correlation-threshold VALUE (optional): Its threshold (default 0.002)");
    expect(run.stdout).toContain("--gate-cvm-correlation-column VALUE (optional)");
  });

  it("refuses bad gate fields with exit status 2 and the reason, before creating anything", () => {
    const files = writeFiles("good");
    const cases: [string[], string][] = [
      [
        ["--gate-ks-agreement", "on", "--gate-ks-agreement-threshold", "2"],
        "Nothing was created; one problem:\n  gates: A gate's threshold must be at most 1 (both statistics lie between 0 and 1)\n",
      ],
      [["--gate-ks-agreement", "yes"], 'Nothing was created; one problem:\n  gates: gate-ks-agreement must be on or off, not "yes"\n'],
      [
        ["--gate-cvm-correlation", "on", "--gate-cvm-correlation-threshold", "a lot"],
        "Nothing was created; one problem:\n  gates: A gate's threshold must be a number\n",
      ],
    ];
    for (const [k, [gateArgs, message]] of cases.entries()) {
      const run = importUpload("tabular", "--slug", `bad-gate-${k}`, "--title", "Bad gate", ...files, ...gateArgs);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toBe(message);
    }
    // Enough of the key for the agreement check is a gate field's problem too: 999 real control rows.
    let dropped = 0;
    const few = writeFiles(
      "few",
      gatedEvents().filter((e) => !(e.role === "real" && dropped++ === 0)),
    );
    const run = importUpload("tabular", "--slug", "few-controls", "--title", "Too few", ...few, "--gate-ks-agreement", "on");
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      "solution.csv: The KS agreement check needs at least 1000 Control rows of each Origin (real and simulated) in the answer key; it has 999 real and 1000 simulated",
    );
    // An option of another upload is a usage error (status 1), not a silently ignored flag.
    const foreign = importUpload("tabular", "--slug", "foreign", "--title", "Foreign", ...files, "--control", "5");
    expect(foreign.status, foreign.stderr).toBe(1);
    expect(foreign.stderr).toMatch(/^the tabular upload takes no --control\nusage: npm run import:upload/);
  });

  it("imports a tabular challenge with both checks switched on, stored in its config", async () => {
    const run = importUpload(
      "tabular",
      "--slug",
      "gated-cli",
      "--title",
      "Gated from the command line",
      ...writeFiles("gated"),
      "--gate-ks-agreement",
      "on",
      "--gate-cvm-correlation",
      "on",
      "--gate-cvm-correlation-threshold",
      "0.003",
      "--gate-cvm-correlation-column",
      "mass",
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "Checks on control events: KS agreement below 0.09, Correlation (CvM) below 0.003 (column mass); a submission that fails one is not ranked.",
    );
    const handle = await openDb({ mode: "pglite", dataDir: path.join(dir, "data", "pglite") });
    try {
      const c = (await getChallengeBySlug(handle.db, "gated-cli"))!;
      expect(c.metricId).toBe("auc");
      expect(c.config.gates).toEqual([
        { id: "ks-agreement", threshold: 0.09 },
        { id: "cvm-correlation", threshold: 0.003, column: "mass" },
      ]);
      for (const slug of ["bad-gate-0", "bad-gate-1", "bad-gate-2", "few-controls", "foreign"])
        expect(await getChallengeBySlug(handle.db, slug), slug).toBeUndefined();
    } finally {
      await handle.close();
    }
  });
});
