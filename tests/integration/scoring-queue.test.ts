import { eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { privateScores, publicScores, submissionFiles } from "@/db/schema";
import { SCORE_QUEUE, startBoss } from "@/lib/jobs/boss";
import { claimSubmission, queuePosition } from "@/db/queries/scoring";
import { enqueueScoring, runScoringJob, workScoringQueue } from "@/lib/jobs/score-submission";
import { describeEachDatabase } from "./databases";
import {
  FAST_QUEUE,
  goodCsv,
  makeHiggsChallenge,
  SCORING,
  scoreRowCounts,
  statusOf,
  upload,
  waitFor,
  waitForStatus,
} from "./queue-fixtures";

describeEachDatabase("scoring jobs", (get) => {
  it("scores a queued submission once, with public and private rows and uncertainties", async () => {
    const { db } = get();
    const { challenge, ids } = await makeHiggsChallenge(db);
    const sub = await upload(db, challenge, goodCsv(ids));
    expect(await runScoringJob(db, sub.id, SCORING)).toBe("scored");
    expect(await runScoringJob(db, sub.id, SCORING)).toBe("skipped"); // a duplicate delivery does nothing
    expect((await statusOf(db, sub.id)).status).toBe("scored");
    const [pub] = await db.select().from(publicScores).where(eq(publicScores.submissionId, sub.id));
    const [priv] = await db.select().from(privateScores).where(eq(privateScores.submissionId, sub.id));
    expect(pub!.score).toBeGreaterThanOrEqual(0);
    expect(pub!.std).toBeGreaterThan(0);
    expect(priv!.std).toBeGreaterThan(0);
    expect(Array.isArray(pub!.details.curveAms)).toBe(true);
    expect(priv!.details.curveAms).toBeUndefined(); // the curve is shown for the public subset only
  });

  it("fails a malformed file with its lines and reasons, writes no score, and does not ask for a retry", async () => {
    const { db } = get();
    const { challenge, ids } = await makeHiggsChallenge(db);
    const bad = goodCsv(ids).replace(`\n${ids[1]},2,b\n`, `\n${ids[1]},2,maybe\n`);
    const sub = await upload(db, challenge, bad);
    expect(await runScoringJob(db, sub.id, SCORING)).toBe("failed"); // returned, not thrown: pg-boss will not retry
    const st = await statusOf(db, sub.id);
    expect(st.status).toBe("failed");
    expect(st.error).toMatch(/line 3: Class "maybe" is not s or b/);
    expect(await db.select().from(publicScores).where(eq(publicScores.submissionId, sub.id))).toEqual([]);
    expect(await db.select().from(privateScores).where(eq(privateScores.submissionId, sub.id))).toEqual([]);
  });

  it("lets only the claiming job score, and that job's retry re-claim", async () => {
    const { db } = get();
    const { challenge, ids } = await makeHiggsChallenge(db);
    const sub = await upload(db, challenge, goodCsv(ids));
    expect(await claimSubmission(db, sub.id, "job-a")).toBe(true);
    expect(await runScoringJob(db, sub.id, { ...SCORING, token: "job-b" })).toBe("skipped"); // held by a live job
    expect(await runScoringJob(db, sub.id, { ...SCORING, token: "job-a" })).toBe("scored"); // job a's retry
    expect(await scoreRowCounts(db, [sub.id])).toEqual(new Map([[sub.id, 1]]));
  });

  it("tells a waiting submission how many queued ones are ahead of it", async () => {
    const { db } = get();
    const { challenge, ids } = await makeHiggsChallenge(db);
    const subs = [];
    for (let i = 0; i < 3; i++) subs.push(await upload(db, challenge, goodCsv(ids)));
    const before = await Promise.all(subs.map((s) => queuePosition(db, s.id)));
    await runScoringJob(db, subs[0]!.id, SCORING);
    const after = await Promise.all(subs.slice(1).map((s) => queuePosition(db, s.id)));
    // Other tests' submissions in this database are all finished, so the counts are exact.
    expect(before).toEqual([0, 1, 2]);
    expect(after).toEqual([0, 1]);
  });

  it("counts only the same challenge's queued submissions (another, private challenge's activity stays hidden)", async () => {
    const { db } = get();
    const hidden = await makeHiggsChallenge(db);
    const mine = await makeHiggsChallenge(db);
    for (let i = 0; i < 2; i++) await upload(db, hidden.challenge, goodCsv(hidden.ids));
    const sub = await upload(db, mine.challenge, goodCsv(mine.ids));
    expect(await queuePosition(db, sub.id)).toBe(0);
  });

  describe("through the queue", () => {
    let bosses: PgBoss[] = [];
    beforeAll(async () => {
      const h = get();
      bosses = [await startBoss(h, FAST_QUEUE), await startBoss(h, FAST_QUEUE)];
      for (const b of bosses) await workScoringQueue(b, h.db, { ...SCORING, concurrency: 1, pollingIntervalSeconds: 0.5 });
    });
    afterAll(async () => {
      for (const b of bosses) await b.stop({ graceful: false, wait: true });
    });

    it("two workers score 10 submissions, each exactly once, even when queued twice", async () => {
      const { db } = get();
      const { challenge, ids } = await makeHiggsChallenge(db);
      const subs = [];
      for (let i = 0; i < 10; i++) {
        const s = await upload(db, challenge, goodCsv(ids));
        await enqueueScoring(bosses[0]!, s.id);
        await enqueueScoring(bosses[1]!, s.id); // a duplicate: deduplicated while waiting, skipped by the claim otherwise
        subs.push(s);
      }
      for (const s of subs) await waitForStatus(db, s.id, "scored");
      const counts = await scoreRowCounts(
        db,
        subs.map((s) => s.id),
      );
      expect(subs.map((s) => counts.get(s.id))).toEqual(Array(10).fill(1));
    });

    it("retries a transient failure and then scores the submission exactly once", async () => {
      const { db } = get();
      const { challenge, ids } = await makeHiggsChallenge(db);
      const sub = await upload(db, challenge, goodCsv(ids));
      // The stored file is unreadable for the first attempt only (like a storage hiccup).
      const [file] = await db.delete(submissionFiles).where(eq(submissionFiles.submissionId, sub.id)).returning();
      const jobId = (await enqueueScoring(bosses[0]!, sub.id))!;
      await waitFor(
        async () => ((await bosses[0]!.getJobById(SCORE_QUEUE, jobId))?.state === "retry" ? true : undefined),
        20_000,
        "the first attempt to fail",
      );
      expect((await statusOf(db, sub.id)).status).toBe("queued"); // released, not left "scoring"
      await db.insert(submissionFiles).values(file!);
      const st = await waitForStatus(db, sub.id, "scored");
      expect(st.error).toBeNull();
      expect(st.token).toBe(jobId); // the retry ran under the same job
      expect(await scoreRowCounts(db, [sub.id])).toEqual(new Map([[sub.id, 1]]));
    });

    it("ends a submission that keeps failing as failed with the reason once the retries are used up", async () => {
      const { db } = get();
      const { challenge, ids } = await makeHiggsChallenge(db);
      const sub = await upload(db, challenge, goodCsv(ids));
      await db.delete(submissionFiles).where(eq(submissionFiles.submissionId, sub.id)); // every attempt fails
      await enqueueScoring(bosses[0]!, sub.id);
      const st = await waitForStatus(db, sub.id, "failed");
      expect(st.error).toBe(`Scoring failed after 2 attempts: submission ${sub.id} has no stored file`);
      expect(await scoreRowCounts(db, [sub.id])).toEqual(new Map());
    });
  });
});
