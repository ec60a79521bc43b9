/**
 * The anomaly baselines against a database: benchmark entries scored through the gate, the submissions written by
 * `npm run baseline`, and nothing written on bad input.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { anomalyBuiltIn, generateAnomalyDataset } from "@/challenges/anomaly-detection";
import { anomalyKind } from "@/challenges/anomaly-detection/kind";
import { createChallengeWithDataset } from "@/lib/challenges/create-challenge";
import { seedBuiltInChallenges } from "@/lib/challenges/seed-built-ins";
import { benchmarkRows } from "@/db/queries/leaderboard";
import { challenges, submissions } from "@/db/schema";
import { BaselineInputError } from "@/lib/ml/baseline-input-error";
import { runAnomalyBaseline } from "@/lib/ml/anomaly-baseline-run";
import { baselineCommand } from "@/scripts/lib/baseline-command";
import { describeEachDatabase } from "./databases";
import { makeChallenge } from "./fixtures";

const { generate: _generate, ...spec } = anomalyBuiltIn;
const options = { methods: ["autoencoder", "cwola"] as const, seed: 1, epochs: 2, register: true, bootstrap: 0 };

describeEachDatabase("anomaly baselines", (get) => {
  it("registers both methods on the built-in challenge as scored benchmark entries that pass the gate", async () => {
    const { db } = get();
    // A fixed seed: what two-epoch models learn from 10 signal events varies from one secret seed to the next.
    await seedBuiltInChallenges(db, 0.01, 2014);
    const [challenge] = await db.select().from(challenges).where(eq(challenges.slug, "anomaly-detection"));
    const results = await runAnomalyBaseline(db, { challenge: "anomaly-detection", ...options });
    expect(results.map((r) => [r.method, r.card.mode])).toEqual([
      ["autoencoder", "background-only"],
      ["cwola", "sidebands"],
    ]);
    for (const r of results) {
      // A gate failure would leave the submission failed with the sculpting message and no score.
      expect(r.registered).toMatchObject({ status: "scored", error: null });
      expect(r.registered!.publicScore).toBeGreaterThanOrEqual(0);
      // 2,000 test events plus 10,000 hidden control events at scale 0.01, one row each.
      expect(r.csv.trim().split("\n")).toHaveLength(12_001);
      expect(r.card).toMatchObject({ challenge: "anomaly-detection", seed: 1, epochs: 2, backend: "tfjs wasm", testEvents: 12_000 });
    }
    expect(results[0]!.card.trainEvents).toBe(2000);
    const board = await benchmarkRows(db, { challengeId: challenge!.id, higherIsBetter: true });
    expect(board.map((b) => b.name).sort()).toEqual(results.map((r) => r.name).sort());
    expect(board.map((b) => b.modelCard.method).sort()).toEqual(["autoencoder", "cwola"]);
  });

  it("trains through npm run baseline, each method's submission into the --out folder, and refuses a family it does not offer", async () => {
    const { db } = get();
    const data = generateAnomalyDataset({ seed: 4, trainEvents: 2000, testEvents: 2000, controlEvents: 1000, signalFraction: 0.02 });
    const c = await createChallengeWithDataset(db, { ...spec, slug: `anomaly-cli-${Date.now()}` }, data);
    const out = mkdtempSync(path.join(os.tmpdir(), "anomaly-baseline-out-"));
    const open = async () => ({ ...get(), close: async () => undefined });
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const svm = baselineCommand(["--challenge", c.slug, "--family", "svm"], open);
      await expect(svm).rejects.toThrow(
        `--family must be one of cwola, autoencoder, both for challenge "${c.slug}" (${anomalyKind.id}), got "svm"`,
      );
      expect(await baselineCommand(["--challenge", c.slug, "--epochs", "2", "--out", out, "--no-register"], open)).toBe(0);
      expect(readdirSync(out).sort()).toEqual([`${c.slug}-baseline-autoencoder.csv`, `${c.slug}-baseline-cwola.csv`]);
      for (const f of readdirSync(out)) {
        const rows = readFileSync(path.join(out, f), "utf8").trim().split("\n");
        expect(rows[0]).toBe("EventId,score");
        // Every test and control event, one row each.
        expect(rows).toHaveLength(3001);
      }
      expect(lines.filter((l) => /: trained in \d+\.\d s \(best epochs \d/.test(l))).toHaveLength(2);
      // --help names the folder form of --out and this kind's families.
      expect(await baselineCommand(["--help"], open)).toBe(0);
      expect(lines.at(-1)).toContain("--out DIR      write into the existing folder DIR, as DIR/<slug>-baseline-<family>.csv");
      expect(lines.at(-1)).toContain(`${anomalyKind.label}: cwola, autoencoder, both`);
    } finally {
      vi.restoreAllMocks();
      rmSync(out, { recursive: true, force: true });
    }
    expect(await benchmarkRows(db, { challengeId: c.id, higherIsBetter: true })).toEqual([]);
  }, 180_000);

  it("refuses bad input with a clear message and writes nothing", async () => {
    const { db } = get();
    await makeChallenge(db, { slug: "anomaly-empty", kind: "anomaly-detection", metricId: "eff-at-1e-3" });
    const fewTraining = generateAnomalyDataset({ seed: 3, trainEvents: 20, testEvents: 2000, controlEvents: 1000, signalFraction: 0.01 });
    await createChallengeWithDataset(db, { ...spec, slug: "anomaly-tiny" }, fewTraining);
    const before = await db.select({ id: submissions.id }).from(submissions);
    const cases: [string, RegExp][] = [
      ["no-such-challenge", /^there is no challenge "no-such-challenge"$/],
      ["higgs-boson", /^challenge "higgs-boson" is a higgs-tautau challenge; the anomaly baselines handle anomaly-detection only$/],
      ["anomaly-empty", /^challenge "anomaly-empty" has no train\.csv/],
      ["anomaly-tiny", /^challenge "anomaly-tiny" has 20 training events; the baselines need at least 50$/],
    ];
    for (const [slug, message] of cases) {
      const err = await runAnomalyBaseline(db, { challenge: slug, ...options }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BaselineInputError);
      expect((err as Error).message).toMatch(message);
    }
    const ids = (
      await db
        .select({ id: challenges.id })
        .from(challenges)
        .where(inArray(challenges.slug, ["anomaly-empty", "anomaly-tiny"]))
    ).map((c) => c.id);
    expect(await db.select().from(submissions).where(inArray(submissions.challengeId, ids))).toEqual([]);
    expect(await db.select({ id: submissions.id }).from(submissions)).toEqual(before);
  });
});

describe("npm run baseline on an anomaly-detection challenge", () => {
  const ROOT = fileURLToPath(new URL("../../", import.meta.url));
  const dir = mkdtempSync(path.join(os.tmpdir(), "anomaly-baseline-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "scripts/baseline.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: dir },
      encoding: "utf8",
    });

  // The exit statuses for an unknown challenge and other wrong arguments: baseline.test.ts.
  it("refuses the old command's --method and an --out folder that does not exist, with the usage and before opening the database", () => {
    // The old command's option: the general one names it --family.
    const method = cli("--challenge", "anomaly-detection", "--method", "cwola");
    expect(method.stderr).toContain("Unknown option '--method'");
    expect(method.stderr).toContain("usage: npm run baseline -- --challenge <slug>");
    expect(method.status).toBe(1);
    const noFolder = cli("--challenge", "anomaly-detection", "--out", path.join(dir, "missing", "anomaly.csv"));
    expect(noFolder.stderr).toContain(`--out "${path.join(dir, "missing", "anomaly.csv")}": no such folder`);
    expect(noFolder.status).toBe(1);
    // Nothing written: no submission, not even the embedded database.
    expect(readdirSync(dir)).toEqual([]);
  });
});
