import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { SCORE_QUEUE, startBoss } from "@/lib/jobs/boss";
import { createScratchDatabase } from "./databases";

const PG_URL = process.env.TEST_DATABASE_URL;

// A deploy starts several workers at once against a fresh database: all must come up.
describe.skipIf(!PG_URL)("workers starting together [postgres]", () => {
  let handle: DbHandle;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const scratch = await createScratchDatabase(PG_URL!);
    drop = scratch.drop;
    handle = await openDb({ mode: "postgres", url: scratch.url });
  });
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });

  it("all create the queues without a deadlock", async () => {
    const bosses = await Promise.all(Array.from({ length: 4 }, () => startBoss(handle)));
    try {
      expect(await bosses[0]!.getQueue(SCORE_QUEUE)).not.toBeNull();
    } finally {
      await Promise.all(bosses.map((b) => b.stop({ graceful: false, wait: true })));
    }
  });
});
