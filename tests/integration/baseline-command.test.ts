/**
 * `npm run baseline` (scripts/lib/baseline-command.ts) on any kind that declares a trainer: the tabular baseline of an
 * organiser's own challenge trained through the command into a scored benchmark row, a family the kind does not
 * offer and a kind without a trainer refused with the reason.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { detectorKind } from "@/challenges/detector-design/kind";
import { tabularKind } from "@/challenges/tabular/kind";
import { benchmarkRows } from "@/db/queries/leaderboard";
import { createChallengeWithDataset } from "@/lib/challenges/create-challenge";
import { BaselineInputError } from "@/lib/ml/baseline-input-error";
import { baselineCommand } from "@/scripts/lib/baseline-command";
import { UsageError } from "@/scripts/lib/run-cli";
import { describeEachDatabase } from "./databases";
import { makeChallenge } from "./fixtures";

const dir = mkdtempSync(path.join(os.tmpdir(), "baseline-command-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A binary tabular challenge whose label is the sign of x (z is noise), through the kind's upload. */
async function tabularChallenge(db: Parameters<typeof createChallengeWithDataset>[0]) {
  const x = (i: number) => Math.sin(i * 12.9898) * 2;
  const train = `x,z,Label\n${Array.from({ length: 300 }, (_, i) => `${x(i + 1000)},${i % 7},${x(i + 1000) > 0 ? "s" : "b"}`).join("\n")}\n`;
  const ids = Array.from({ length: 200 }, (_, i) => i + 1);
  const test = `EventId,x,z\n${ids.map((i) => `${i},${x(i)},${i % 7}`).join("\n")}\n`;
  const solution = `EventId,Label,Usage\n${ids.map((i) => `${i},${x(i) > 0 ? "s" : "b"},${i % 2 ? "Public" : "Private"}`).join("\n")}\n`;
  const bytes = (s: string) => new TextEncoder().encode(s);
  const prepared = await tabularKind.uploads![0]!.prepare({
    files: { train: bytes(train), test: bytes(test), solution: bytes(solution) },
    fields: { target: "binary", metric: "auc" },
    seed: 5,
  });
  const phases = (now: Date) => [{ name: "Main", startsAt: now, endsAt: new Date(now.getTime() + 86_400_000) }];
  const slug = `cli-tabular-${Date.now()}-${n++}`;
  const spec = {
    slug,
    kind: tabularKind.id,
    title: "CLI",
    summary: "",
    description: "",
    metricId: prepared.metricId,
    config: prepared.config,
    phases,
  };
  return createChallengeWithDataset(db, spec, prepared.data);
}

describeEachDatabase("npm run baseline", (get) => {
  // The command closes its database when done: here the suite's, which stays open.
  const open = async () => ({ ...get(), close: async () => undefined });
  const quiet = () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  };

  it("trains the tabular baseline of a tabular challenge into a scored benchmark row and writes its submission", async () => {
    const { db } = get();
    const c = await tabularChallenge(db);
    const out = path.join(dir, `${c.slug}.csv`);
    quiet();
    try {
      expect(await baselineCommand(["--challenge", c.slug, "--family", "tfjs", "--epochs", "5", "--seed", "2", "--out", out], open)).toBe(
        0,
      );
    } finally {
      vi.restoreAllMocks();
    }
    const board = await benchmarkRows(db, { challengeId: c.id, higherIsBetter: true });
    expect(board.map((b) => b.name)).toEqual(["Baseline: MLP 64-64 ReLU (tfjs, seed 2)"]);
    // The label is the sign of x: even 5 epochs beat a coin's AUC of 0.5 by far.
    expect(board[0]!.score).toBeGreaterThan(0.8);
    expect(readFileSync(out, "utf8").split("\n")[0]).toBe("EventId,score");
    expect(existsSync(out.replace(/\.csv$/, ".onnx"))).toBe(false);
  }, 180_000);

  it("refuses a family the challenge's kind does not offer, and a kind without a trainer, before training", async () => {
    const { db } = get();
    const c = await tabularChallenge(db);
    const blend = baselineCommand(["--challenge", c.slug, "--family", "blend"], open);
    await expect(blend).rejects.toBeInstanceOf(UsageError);
    await expect(blend).rejects.toThrow(
      `--family must be one of xgboost, tfjs, both for challenge "${c.slug}" (${tabularKind.id}), got "blend"`,
    );
    const ensemble = baselineCommand(["--challenge", c.slug, "--family", "tfjs", "--ensemble", "3"], open);
    await expect(ensemble).rejects.toThrow(
      `--ensemble sizes the Higgs MLP ensemble; challenge "${c.slug}" (${tabularKind.id}) trains none`,
    );
    const detector = await makeChallenge(db, { kind: detectorKind.id, metricId: detectorKind.metrics[0]! });
    const none = baselineCommand(["--challenge", detector.slug], open);
    await expect(none).rejects.toBeInstanceOf(BaselineInputError);
    await expect(none).rejects.toThrow(`challenge "${detector.slug}" is a ${detectorKind.id} challenge; that kind has no baseline trainer`);
    expect(await benchmarkRows(db, { challengeId: c.id, higherIsBetter: true })).toEqual([]);
  });
});
