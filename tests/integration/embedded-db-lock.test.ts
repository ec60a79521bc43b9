/**
 * Every command-line tool that writes to the embedded database, run while another process (the site) holds it:
 * each refuses with a message naming the holder and writes nothing; once the holder is gone (even killed, leaving
 * its lock behind) the tool runs, and nothing either process wrote is lost.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHiggsDataset } from "@/challenges/higgs-tautau/built-in";
import { solutionCsv, testCsv, trainingCsv } from "@/challenges/higgs-tautau/csv";
import { simulateHiggs } from "@/challenges/higgs-tautau/simulator/simulate";
import { splitTestSet, trainTestSplit } from "@/challenges/higgs-tautau/split";
import { openDb } from "@/db/client";
import { createChallengeWithDataset } from "@/lib/challenges/create-challenge";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { getUserByEmail } from "@/db/queries/users";
import { exportBundle } from "@/lib/bundles";
import { higgsSpec } from "./bundle-fixtures";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "embedded-db-lock-"));
const DATA_DIR = path.join(dir, "data");
const LOCK = path.join(DATA_DIR, "pglite.lock");
// An inherited DATABASE_URL must not send these tools to a real server (empty counts as unset).
const env = { ...process.env, DATABASE_URL: "", DATA_DIR };

const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
const events = simulateHiggs({ seed: 5, nEvents: 200 });
const { train, test } = trainTestSplit(events, { seed: 5, testFraction: 0.5 });
const split = splitTestSet(test, { seed: 5 });
const higgsFiles = ["training", "test", "solution"].map((n, i) =>
  file(`${n}.csv`, [...[trainingCsv(train), testCsv(test), solutionCsv(test, split.usage, split.weight)][i]!].join("")),
);
// Valid files (signal and background in both boards), so the tool gets as far as opening the database.
const lhcoRows = Array.from({ length: 40 }, (_, i) => `${3 + i / 40},0.1,0.4,0.3,0.2,${i % 2}`);
const lhco = file("lhco.csv", ["mjj_TeV,mj_min_TeV,delta_mj_TeV,tau21_jmin,tau21_jmax,label", ...lhcoRows, ""].join("\n"));
const bundle = path.join(dir, "bundle.zip");

const TOOLS: [string, string, string[]][] = [
  ["admin:create", "scripts/admin-create.ts", ["--email", "late-admin@example.org", "--password", "a-good-passphrase-7"]],
  [
    "import:higgs",
    "scripts/import-higgs.ts",
    ["--train", higgsFiles[0]!, "--test", higgsFiles[1]!, "--solution", higgsFiles[2]!, "--slug", "locked-higgs", "--title", "T"],
  ],
  ["import:lhco", "scripts/import-lhco.ts", ["--train", lhco, "--test", lhco, "--control", "0", "--slug", "locked-lhco", "--title", "T"]],
  ["challenge:import", "scripts/challenge-bundle.ts", ["import", bundle, "--slug", "locked-bundle"]],
  ["challenge:export", "scripts/challenge-bundle.ts", ["export", "no-such-slug", "--out", path.join(dir, "out.zip")]],
  ["baseline", "scripts/baseline.ts", ["--challenge", "higgs-boson", "--epochs", "1"]],
];

const tool = (script: string, args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, env, encoding: "utf8" });

describe("command-line tools while the site holds the embedded database", () => {
  let holder: ChildProcess;
  beforeAll(async () => {
    const handle = await openDb({ mode: "pglite" });
    try {
      const c = await createChallengeWithDataset(
        handle.db,
        higgsSpec("lock-source"),
        generateHiggsDataset({ seed: 3, trainEvents: 20, testEvents: 100 }),
      );
      writeFileSync(bundle, await exportBundle(handle.db, c.id));
    } finally {
      await handle.close();
    }
    holder = spawn(process.execPath, ["--import", "tsx", "tests/integration/hold-embedded-db.ts"], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
      holder.once("exit", (code) => reject(new Error(`the holder exited with ${code}`)));
    });
    // Opening and migrating a fresh embedded database takes ~45 s when the machine is loaded.
  }, 300_000);
  afterAll(() => {
    if (holder?.exitCode === null) holder.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(TOOLS)(
    "%s refuses with a message naming the holder",
    (_name, script, args) => {
      const run = tool(script, args);
      expect(run.stderr).toContain(
        `The embedded database in ${path.join(DATA_DIR, "pglite")} is in use by process ${holder.pid} (tests/integration/hold-embedded-db.ts`,
      );
      expect(run.stderr).toContain("stop the site (Ctrl-C in its terminal) and run this command again");
      expect(run.stdout).toBe("");
      expect(run.status).toBe(1);
    },
    120_000,
  );

  it("runs once the holder is killed (its stale lock taken over), and keeps what both wrote", async () => {
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    expect(existsSync(LOCK)).toBe(true);
    const run = tool(TOOLS[0]![1], TOOLS[0]![2]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("Created admin late-admin@example.org\n");
    expect(run.status).toBe(0);
    expect(existsSync(LOCK)).toBe(false);

    const handle = await openDb({ mode: "pglite", dataDir: path.join(DATA_DIR, "pglite") });
    try {
      expect((await getUserByEmail(handle.db, "holder@example.org"))?.name).toBe("Holder");
      expect((await getUserByEmail(handle.db, "late-admin@example.org"))?.role).toBe("admin");
      // The refused tools wrote nothing.
      for (const slug of ["locked-higgs", "locked-lhco", "locked-bundle"])
        expect(await getChallengeBySlug(handle.db, slug)).toBeUndefined();
    } finally {
      await handle.close();
    }
  }, 300_000);
});
