/** The data page's "Download (gzip)" column is what a download transfers, not the uncompressed size. */
import { expect, it } from "vitest";
import { seedBuiltInChallenges } from "@/lib/challenges/seed-built-ins";
import { getDatasetFile, listDatasetFiles } from "@/db/queries/datasets";
import { describeEachDatabase } from "./databases";

describeEachDatabase("dataset file sizes", (get) => {
  it("lists each file's stored gzip length beside its uncompressed size", async () => {
    const { db } = get();
    const created = await seedBuiltInChallenges(db, 0.01);
    const higgs = created.find((c) => c.spec.slug === "higgs-boson")!;
    const files = await listDatasetFiles(db, higgs.id);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const stored = await getDatasetFile(db, higgs.id, f.filename);
      expect(typeof f.gzipBytes).toBe("number");
      expect(f.gzipBytes).toBe(stored!.gzipContent.byteLength);
      // Simulated CSV compresses well: the two columns must differ.
      expect(f.gzipBytes).toBeLessThan(f.sizeBytes / 1.5);
    }
  });
});
