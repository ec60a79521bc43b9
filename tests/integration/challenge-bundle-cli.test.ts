/** scripts/challenge-bundle.ts end to end on a temporary embedded database. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHiggsDataset } from "@/challenges/higgs-tautau/built-in";
import { openDb } from "@/db/client";
import { createChallengeWithDataset } from "@/lib/challenges/create-challenge";
import { exportBundle, readBundle } from "@/lib/bundles";
import { higgsSpec, withManifest } from "./bundle-fixtures";

describe("scripts/challenge-bundle.ts", () => {
  const ROOT = fileURLToPath(new URL("../../", import.meta.url));
  const dir = mkdtempSync(path.join(os.tmpdir(), "challenge-bundle-cli-"));
  const good = path.join(dir, "good.zip");
  const bad = path.join(dir, "bad.zip");
  let slug = "";
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const handle = await openDb({ mode: "pglite" });
    try {
      const c = await createChallengeWithDataset(
        handle.db,
        higgsSpec("cli-source"),
        generateHiggsDataset({ seed: 3, trainEvents: 20, testEvents: 100 }),
      );
      const zip = await exportBundle(handle.db, c.id);
      writeFileSync(good, zip);
      writeFileSync(
        bad,
        withManifest(zip, (m) => (m.metric = "auc")),
      );
      slug = c.slug;
    } finally {
      await handle.close();
    }
  });

  const cli = (...args: string[]) =>
    // An inherited DATABASE_URL must not send this test to a real server (empty counts as unset).
    spawnSync(process.execPath, ["--import", "tsx", "scripts/challenge-bundle.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: path.join(dir, "data"), AUTH_URL: "https://arena.example.org" },
      encoding: "utf8",
    });

  it("exits 2 with every problem for a bad bundle, 0 and the URL for a good one, and exports it back", async () => {
    const rejected = cli("import", bad);
    expect(rejected.stderr).toBe(
      "The bundle has 1 problem:\n  challenge.yaml: metric: auc cannot score a higgs-tautau challenge (use ams)\n",
    );
    expect(rejected.status).toBe(2);
    const imported = cli("import", good, "--slug", "cli-copy");
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toMatch(/^Imported "Bundle test" in \d+\.\d s: https:\/\/arena\.example\.org\/challenges\/cli-copy\n$/);
    expect(imported.status).toBe(0);
    const out = path.join(dir, "copy.zip");
    const exported = cli("export", "cli-copy", "--out", out);
    expect(exported.status, exported.stderr).toBe(0);
    expect({ ...(await readBundle(readFileSync(out))).manifest, slug }).toEqual((await readBundle(readFileSync(good))).manifest);
  });
});
