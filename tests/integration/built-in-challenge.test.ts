import { gunzipSync } from "node:zlib";
import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { higgsBuiltIn } from "@/challenges/higgs-tautau/built-in";
import { BACKGROUND_WEIGHT_TOTAL, SIGNAL_WEIGHT_TOTAL } from "@/challenges/higgs-tautau/schema";
import { createChallengeWithDataset } from "@/lib/challenges/create-challenge";
import { seedBuiltInChallenges } from "@/lib/challenges/seed-built-ins";
import { listChallenges } from "@/db/queries/challenges";
import type { Db } from "@/db";
import { currentDataset, getDatasetFile, listDatasetFiles } from "@/db/queries/datasets";
import { challenges, solutionRows } from "@/db/schema";
import { scoreSubmission, solutionFromColumns } from "@/scoring";
import { describeEachDatabase } from "./databases";

async function higgsDatasetId(db: Db): Promise<number> {
  const [c] = await db.select({ id: challenges.id }).from(challenges).where(eq(challenges.slug, "higgs-boson"));
  return (await currentDataset(db, c!.id))!.id;
}

// 0.002 of the full size: 500 training and 1,100 test events.
const SCALE = 0.002;

describeEachDatabase("built-in Higgs challenge", (get) => {
  it("is created once at first start, open, with its files and private answer key", async () => {
    const { db } = get();
    await seedBuiltInChallenges(db, SCALE);
    await seedBuiltInChallenges(db, SCALE); // idempotent: a restart creates nothing new
    const list = await listChallenges(db, {});
    expect(list.map((c) => c.slug)).toEqual(["higgs-boson", "anomaly-detection", "straw-tracker", "ditau-mass", "higgs-processes"]);
    expect(list[0]!.state.status).toBe("open");

    const files = await listDatasetFiles(db, list[0]!.id);
    expect(files.map((f) => [f.filename, f.rows])).toEqual([
      ["training.csv", 500],
      ["test.csv", 1100],
      ["sample_submission.csv", 1100],
    ]);
    const [count] = await db
      .select({ n: sql<number>`count(*)` })
      .from(solutionRows)
      .where(eq(solutionRows.datasetId, await higgsDatasetId(db)));
    expect(Number(count!.n)).toBe(1100);

    // Each built-in's data come from a fresh 256-bit key kept in the server-only secrets; its manifest never holds it.
    const keys = new Set<string>();
    for (const c of list) {
      const dataset = (await currentDataset(db, c.id))!;
      const key = (c.kind === "detector-design" ? dataset.secrets.privateSeed : dataset.secrets.dataKey) as string;
      expect(key, c.slug).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(dataset.manifest), c.slug).not.toContain(key);
      keys.add(key);
    }
    expect(keys.size).toBe(5);
    expect((await currentDataset(db, list[0]!.id))!.manifest).toMatchObject({ seed: "secret key" });
  });

  it("renormalises each leaderboard subset to the full class totals", async () => {
    const { db } = get();
    const sums = await db
      .select({ usage: solutionRows.usage, label: solutionRows.label, w: sql<number>`sum(${solutionRows.weight})` })
      .from(solutionRows)
      .where(eq(solutionRows.datasetId, await higgsDatasetId(db)))
      .groupBy(solutionRows.usage, solutionRows.label);
    expect(sums).toHaveLength(4);
    for (const s of sums) {
      expect(Number(s.w)).toBeCloseTo(s.label === 1 ? SIGNAL_WEIGHT_TOTAL : BACKGROUND_WEIGHT_TOTAL, 6);
    }
    const [pub] = await db
      .select({ n: sql<number>`count(*)` })
      .from(solutionRows)
      .where(and(eq(solutionRows.usage, 1), eq(solutionRows.datasetId, await higgsDatasetId(db))));
    expect(Number(pub!.n)).toBe(Math.round(1100 * 0.18));
  });

  it("never puts test labels or weights in a download, and its sample submission scores", async () => {
    const { db } = get();
    const [c] = await db.select().from(challenges).where(eq(challenges.slug, "higgs-boson"));
    const text = async (name: string) => gunzipSync((await getDatasetFile(db, c!.id, name))!.gzipContent).toString("utf8");
    const test = await text("test.csv");
    const header = test.slice(0, test.indexOf("\n")).split(",");
    expect(header).toHaveLength(31);
    expect(header).not.toContain("Label");
    expect(header).not.toContain("Weight");
    expect((await text("training.csv")).split("\n", 1)[0]!.split(",").slice(-2)).toEqual(["Weight", "Label"]);

    const rows = await db
      .select()
      .from(solutionRows)
      .where(eq(solutionRows.datasetId, await higgsDatasetId(db)))
      .orderBy(solutionRows.eventId);
    const solution = solutionFromColumns({
      ids: rows.map((r) => String(r.eventId)),
      labels: Uint8Array.from(rows, (r) => r.label),
      weights: Float64Array.from(rows, (r) => r.weight),
      usage: Uint8Array.from(rows, (r) => r.usage),
    });
    const sample = Buffer.from(await text("sample_submission.csv"));
    const score = await scoreSubmission({ solution, submission: sample, metricId: "ams" });
    // It is valid (every event once, a permutation) and calls every event background: nothing selected, AMS 0.
    for (const subset of [score.Public, score.Private]) {
      expect(subset.primary).toBe(0);
      expect([subset.s, subset.b]).toEqual([0, 0]);
    }
  });

  it("leaves nothing behind when creation fails half-way", async () => {
    const { db } = get();
    const before = await db.select({ id: challenges.id }).from(challenges);
    const { generate, ...meta } = higgsBuiltIn;
    const data = generate(SCALE, 7);
    // A repeated event id breaks the answer key's primary key after the challenge row is written.
    data.solution.eventId[5] = data.solution.eventId[4]!;
    await expect(createChallengeWithDataset(db, { ...meta, slug: "broken" }, data)).rejects.toThrow();
    expect(await db.select({ id: challenges.id }).from(challenges)).toEqual(before);
  });
});
