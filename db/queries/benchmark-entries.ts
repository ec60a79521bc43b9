import type { Db } from "../client";
import { byteaValue } from "../bulk";
import { benchmarkEntries, submissionFiles, submissions } from "../schema";

export interface NewBenchmarkEntry {
  challengeId: number;
  name: string;
  filename: string;
  format: "model" | "predictions";
  sizeBytes: number;
  sha256: string;
  /** The stored file, gzip-compressed. */
  gz: Uint8Array;
  modelCard: Record<string, unknown>;
}

/**
 * A benchmark entry's submission (no team, so it is never ranked), its file and its benchmark_entry row, in one
 * transaction. Returns the submission's id.
 */
export async function insertBenchmarkEntry(db: Db, p: NewBenchmarkEntry): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(submissions)
      .values({
        challengeId: p.challengeId,
        teamId: null,
        filename: p.filename,
        description: p.name,
        format: p.format,
        sizeBytes: p.sizeBytes,
        sha256: p.sha256,
      })
      .returning({ id: submissions.id });
    if (!row) throw new Error("insert returned nothing");
    await tx.insert(submissionFiles).values({ submissionId: row.id, gzipContent: byteaValue(p.gz) });
    await tx.insert(benchmarkEntries).values({ submissionId: row.id, name: p.name, modelCard: p.modelCard });
    return row.id;
  });
}
