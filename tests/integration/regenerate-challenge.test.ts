/** Regenerating a built-in challenge's data with a fresh key (npm run challenge:regenerate): new data, old entries voided or rescored. */
import { gunzipSync } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { freshDataKey } from "@/lib/challenges/create-challenge";
import { seedBuiltInChallenges } from "@/lib/challenges/seed-built-ins";
import { currentDataset, getDatasetFile } from "@/db/queries/datasets";
import { getPrivateScore } from "@/db/queries/submissions";
import { regenerateBuiltInChallenge, RegenerateError } from "@/lib/challenges/regenerate-challenge";
import { challenges, solutionRows, submissions } from "@/db/schema";
import type { Db } from "@/db";
import { describeEachDatabase } from "./databases";
import { makeScored, makeUserWithTeam } from "./fixtures";

async function challengeId(db: Db, slug: string): Promise<number> {
  const [c] = await db.select({ id: challenges.id }).from(challenges).where(eq(challenges.slug, slug));
  return c!.id;
}
const testCsv = async (db: Db, id: number) => gunzipSync((await getDatasetFile(db, id, "test.csv"))!.gzipContent).toString("utf8");

describeEachDatabase("regenerating a built-in challenge's data", (get) => {
  it("replaces the Higgs data with a fresh key's and voids every earlier submission, with the reason", async () => {
    const { db } = get();
    await seedBuiltInChallenges(db, 0.002);
    const id = await challengeId(db, "higgs-boson");
    const before = (await currentDataset(db, id))!;
    const oldTest = await testCsv(db, id);
    const { team } = await makeUserWithTeam(db, id);
    const scored = await makeScored(db, { challengeId: id, teamId: team.id, pub: 2, priv: 3 });
    const done = await regenerateBuiltInChallenge(db, "higgs-boson");
    expect(done).toMatchObject({ challengeId: id, outcome: "voided", submissions: 1 });
    const after = (await currentDataset(db, id))!;
    expect(after.id).toBe(done.datasetId);
    expect(after.secrets.dataKey).toMatch(/^[0-9a-f]{64}$/);
    expect(after.secrets.dataKey).not.toBe(before.secrets.dataKey);
    // Same sizes, new events, a full new answer key.
    const newTest = await testCsv(db, id);
    expect(newTest.split("\n")).toHaveLength(oldTest.split("\n").length);
    expect(newTest).not.toBe(oldTest);
    const [rows] = await db
      .select({ n: sql<number>`count(*)` })
      .from(solutionRows)
      .where(eq(solutionRows.datasetId, after.id));
    expect(Number(rows!.n)).toBe(1100);
    const [voided] = await db.select().from(submissions).where(eq(submissions.id, scored.id));
    expect(voided).toMatchObject({ status: "failed" });
    expect(voided!.error).toMatch(/^Voided on \d{4}-\d\d-\d\d: the challenge's data were regenerated with a new secret key/);
    expect(await getPrivateScore(db, scored.id)).toBeUndefined();
  });

  it("rescores detector designs (still valid) against the new private key", async () => {
    const { db } = get();
    await seedBuiltInChallenges(db, 0.002);
    const id = await challengeId(db, "straw-tracker");
    const { team } = await makeUserWithTeam(db, id);
    const scored = await makeScored(db, { challengeId: id, teamId: team.id, pub: 0.6, priv: 0.7 });
    const key = freshDataKey();
    const done = await regenerateBuiltInChallenge(db, "straw-tracker", { seed: key });
    expect(done.outcome).toBe("rescored");
    expect(done.submissions).toBeGreaterThanOrEqual(1);
    expect((await currentDataset(db, id))!.secrets.privateSeed).toBe(Buffer.from(key).toString("hex"));
    const [queued] = await db.select().from(submissions).where(eq(submissions.id, scored.id));
    expect(queued).toMatchObject({ status: "queued", error: null });
  });

  it("refuses a slug that is not a built-in challenge, changing nothing", async () => {
    const { db } = get();
    await expect(regenerateBuiltInChallenge(db, "my-class")).rejects.toThrow(RegenerateError);
    await expect(regenerateBuiltInChallenge(db, "my-class")).rejects.toThrow(/not a built-in challenge/);
  });
});
