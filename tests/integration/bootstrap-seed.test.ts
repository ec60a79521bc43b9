/** The ± of a score is seeded by the file's content: the same file resubmitted gets exactly the same score and ±. */
import { eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { resetForRescore } from "@/db/queries/organiser";
import { privateScores, publicScores } from "@/db/schema";
import { bootstrapSeed, runScoringJob } from "@/lib/jobs/score-submission";
import { describeEachDatabase } from "./databases";
import { goodCsv, makeHiggsChallenge, upload } from "./queue-fixtures";

const SCORING = { bootstrap: 50 };

describeEachDatabase("bootstrap seeded by the file's content", (get) => {
  it("gives identical files identical scores and ±, and another file its own resampling", async () => {
    const { db } = get();
    const { challenge, ids } = await makeHiggsChallenge(db);
    const same = goodCsv(ids);
    // Two ranks swapped and one label changed: a different file with nearly the same score.
    const other = same.replace(`\n${ids[5]},6,b\n`, `\n${ids[5]},6,s\n`);
    expect(other).not.toBe(same);
    const subs = [await upload(db, challenge, same), await upload(db, challenge, same), await upload(db, challenge, other)];
    for (const s of subs) expect(await runScoringJob(db, s.id, SCORING)).toBe("scored");
    const rows = async (table: typeof publicScores | typeof privateScores) =>
      new Map(
        (
          await db
            .select()
            .from(table)
            .where(
              inArray(
                table.submissionId,
                subs.map((s) => s.id),
              ),
            )
        ).map((r) => [r.submissionId, r]),
      );
    for (const table of [publicScores, privateScores]) {
      const byId = await rows(table);
      const [a, b, c] = subs.map((s) => byId.get(s.id)!);
      expect(a!.std).toBeGreaterThan(0);
      expect(b!.score).toBe(a!.score);
      expect(b!.std).toBe(a!.std);
      expect(c!.std).not.toBe(a!.std);
    }
    // A rescore (after an answer-key fix, say) repeats each file's ± too.
    const [before] = await db.select().from(publicScores).where(eq(publicScores.submissionId, subs[0]!.id));
    expect(await resetForRescore(db, challenge.id)).toHaveLength(3);
    expect(await runScoringJob(db, subs[0]!.id, SCORING)).toBe("scored");
    const [after] = await db.select().from(publicScores).where(eq(publicScores.submissionId, subs[0]!.id));
    expect(after!.std).toBe(before!.std);
  });
});

it("takes 52 bits of the hash as the seed, and never fails on a malformed hash", () => {
  expect(bootstrapSeed("ffffffffffffff" + "0".repeat(50))).toBe(2 ** 52 - 1);
  expect(bootstrapSeed("0000000000001" + "f".repeat(51))).toBe(1);
  expect(Number.isSafeInteger(bootstrapSeed("x"))).toBe(true);
  expect(bootstrapSeed("x")).toBe(bootstrapSeed("x"));
});
