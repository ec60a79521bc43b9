import { existsSync, readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ImportFormatError } from "@/challenges/higgs-tautau/importer";
import { BACKGROUND_WEIGHT_TOTAL, SIGNAL_WEIGHT_TOTAL } from "@/challenges/higgs-tautau/schema";
import { higgsCernUpload } from "@/challenges/higgs-tautau/uploads";
import { importUpload } from "@/lib/challenges/import-upload";
import { getDatasetFile, listDatasetFiles } from "@/db/queries/datasets";
import { challenges, datasets, solutionRows } from "@/db/schema";
import { scoreSubmission, solutionFromColumns } from "@/scoring";
import { sharedDataFile } from "@/lib/shared-data";
import { describeEachDatabase } from "./databases";

const DATA = sharedDataFile("higgsml-v2-first22889.csv.gz");
const present = existsSync(DATA);
if (!present) console.warn(`Higgs import tests skipped: the real HiggsML sample is not at ${DATA}`);

// 22,889 real events, all KaggleSet t: a seeded 60/40 split gives 13,733 training and 9,156 test events.
const TEST_EVENTS = Math.round(22889 * 0.4);
const SPLIT = { "split-seed": "2014", "test-fraction": "0.4" };
/** The CERN upload of `file` with the seeded split, as the import form or `npm run import:higgs -- --cern` sends it. */
const importCern = (db: Parameters<typeof importUpload>[0], file: Uint8Array, slug: string, title: string) =>
  importUpload(db, higgsCernUpload, { files: { file }, fields: SPLIT }, { slug, title });

describe.skipIf(!present)("importing the real HiggsML sample", () => {
  const real = () => new Uint8Array(readFileSync(DATA));

  describeEachDatabase("import-higgs", (get) => {
    it("creates the challenge with its downloads and renormalised answer key", async () => {
      const { db } = get();
      const result = await importCern(db, real(), "higgs-real", "HiggsML (real sample)");
      expect(result.manifest).toMatchObject({
        source: "cern-open-data",
        rows: { training: 22889, test: 0, unused: 0 },
        trainEvents: 22889 - TEST_EVENTS,
        testEvents: TEST_EVENTS,
      });
      const files = await listDatasetFiles(db, result.challenge.id);
      expect(files.map((f) => [f.filename, f.rows])).toEqual([
        ["training.csv", 22889 - TEST_EVENTS],
        ["test.csv", TEST_EVENTS],
        ["sample_submission.csv", TEST_EVENTS],
      ]);

      const [dataset] = await db.select().from(datasets).where(eq(datasets.challengeId, result.challenge.id));
      const sums = await db
        .select({
          usage: solutionRows.usage,
          label: solutionRows.label,
          n: sql<number>`count(*)`,
          w: sql<number>`sum(${solutionRows.weight})`,
        })
        .from(solutionRows)
        .where(eq(solutionRows.datasetId, dataset!.id))
        .groupBy(solutionRows.usage, solutionRows.label)
        .orderBy(solutionRows.usage, solutionRows.label);
      expect(sums.map((s) => [s.usage, s.label])).toEqual([
        [1, 0],
        [1, 1],
        [2, 0],
        [2, 1],
      ]);
      for (const s of sums) expect(Number(s.w)).toBeCloseTo(s.label === 1 ? SIGNAL_WEIGHT_TOTAL : BACKGROUND_WEIGHT_TOTAL, 6);
      const publicRows = sums.filter((s) => s.usage === 1).reduce((n, s) => n + Number(s.n), 0);
      expect(publicRows).toBe(Math.round(TEST_EVENTS * 0.18));
    });

    it("publishes no test labels or weights, and its sample submission scores", async () => {
      const { db } = get();
      const [c] = await db.select().from(challenges).where(eq(challenges.slug, "higgs-real"));
      const lines = async (name: string) =>
        gunzipSync((await getDatasetFile(db, c!.id, name))!.gzipContent)
          .toString("utf8")
          .trimEnd()
          .split("\n");
      const [testHeader, ...testRows] = await lines("test.csv");
      expect(testHeader!.split(",")).toHaveLength(31);
      expect(testHeader).not.toMatch(/Label|Weight|KaggleSet/);
      expect(testRows.every((l) => l.split(",").length === 31)).toBe(true);
      const testIds = new Set(testRows.map((l) => l.slice(0, l.indexOf(","))));
      const training = (await lines("training.csv")).slice(1);
      expect(training.some((l) => testIds.has(l.slice(0, l.indexOf(","))))).toBe(false);

      const [dataset] = await db.select().from(datasets).where(eq(datasets.challengeId, c!.id));
      const rows = await db.select().from(solutionRows).where(eq(solutionRows.datasetId, dataset!.id));
      expect(new Set(rows.map((r) => String(r.eventId)))).toEqual(testIds);
      const solution = solutionFromColumns({
        ids: rows.map((r) => String(r.eventId)),
        labels: Uint8Array.from(rows, (r) => r.label),
        weights: Float64Array.from(rows, (r) => r.weight),
        usage: Uint8Array.from(rows, (r) => r.usage),
      });
      const sample = Buffer.from(`${(await lines("sample_submission.csv")).join("\n")}\n`);
      const score = await scoreSubmission({ solution, submission: sample, metricId: "ams" });
      // Every event is classified "b", so nothing is selected.
      expect(score.Public.primary).toBe(0);
    });

    it("leaves nothing behind when a file is bad or the slug is taken", async () => {
      const { db } = get();
      const before = await db.select({ id: challenges.id }).from(challenges).orderBy(challenges.id);
      const [beforeRows] = await db.select({ n: sql<number>`count(*)` }).from(solutionRows);
      // The real file with one bad Label near its end (line 22889 of 22890): everything before it was fine.
      const lines = gunzipSync(real()).toString("utf8").split("\n");
      const fields = lines[22888]!.split(",");
      fields[32] = "x"; // Label
      lines[22888] = fields.join(",");
      const bad = new Uint8Array(gzipSync(lines.join("\n")));
      const failed = importCern(db, bad, "higgs-bad", "Bad");
      await expect(failed).rejects.toBeInstanceOf(ImportFormatError);
      await expect(failed).rejects.toThrow(/line 22889: Label "x" is not s or b/);
      await expect(importCern(db, real(), "higgs-real", "Again")).rejects.toThrow(/slug "higgs-real" already exists/);
      expect(await db.select({ id: challenges.id }).from(challenges).orderBy(challenges.id)).toEqual(before);
      const [afterRows] = await db.select({ n: sql<number>`count(*)` }).from(solutionRows);
      expect(Number(afterRows!.n)).toBe(Number(beforeRows!.n));
    });
  });
});
