/**
 * The queries the load and queue benchmarks run (db/queries/load-fixtures.ts, db/queries/queue-metrics.ts): the
 * benchmarks run by hand, not in CI, so their SQL is checked here on both drivers.
 */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { publicLeaderboard, readerOfChallenge } from "@/db/queries/leaderboard";
import { seedLeaderboardLoad } from "@/db/queries/load-fixtures";
import {
  databaseClock,
  latenciesSince,
  publicScoreRowCounts,
  scoredSpanSeconds,
  unscoredCount,
  uploadLatencies,
} from "@/db/queries/queue-metrics";
import { createSubmission } from "@/db/queries/submissions";
import { publicScores, submissions } from "@/db/schema";
import { describeEachDatabase } from "./databases";
import { makeChallenge, makeUserWithTeam, tinyUpload } from "./fixtures";

describeEachDatabase("benchmark queries", (get) => {
  it("reads a queue's progress back: unscored count, latencies from a start and from upload, duplicates, span", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    const { user, team } = await makeUserWithTeam(db, c.id);
    const upload = { challengeId: c.id, teamId: team.id, userId: user.id, dailyLimit: 10, filename: "s.csv", description: "" };
    const a = await createSubmission(db, { ...upload, ...tinyUpload() });
    const b = await createSubmission(db, { ...upload, ...tinyUpload() });
    const since = await databaseClock(db);
    expect(Number.isFinite(Date.parse(since))).toBe(true);
    expect(await unscoredCount(db)).toBe(2);
    expect(await latenciesSince(db, { since, submissionIds: [b.id, a.id] })).toEqual([null, null]);

    await db
      .update(submissions)
      .set({ status: "scored", createdAt: new Date(Date.parse(since) - 4000), finishedAt: new Date(Date.parse(since) + 1500) })
      .where(sql`${submissions.id} = ${a.id}`);
    await db.insert(publicScores).values({ submissionId: a.id, score: 1, std: null, details: {} });
    expect(await unscoredCount(db)).toBe(1);
    const [la, lb] = await latenciesSince(db, { since, submissionIds: [a.id, b.id] });
    // The clock's text has microseconds and a Date keeps milliseconds, so finishedAt lands up to 1 ms before since + 1.5 s.
    expect(la).toBeGreaterThan(1.499);
    expect(la).toBeLessThanOrEqual(1.5);
    expect(lb).toBeNull();
    const byStatus = Object.fromEntries((await uploadLatencies(db)).map((r) => [r.status, r.latency]));
    expect(byStatus.scored).toBeCloseTo(5.5, 3);
    expect(byStatus.queued).toBeNull();
    expect(await scoredSpanSeconds(db)).toBeCloseTo(5.5, 3);
    expect(await publicScoreRowCounts(db)).toEqual({ scores: 1, distinctSubmissions: 1 });
  });

  it("fills a board for a load test: teams with scored entries, readers in the first teams", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    await seedLeaderboardLoad(db, { slug: c.slug, teams: 30, perTeam: 2, readers: 4 });
    const board = await publicLeaderboard(db, { challengeId: c.id, higherIsBetter: true, limit: 100, offset: 0 });
    expect(board.total).toBe(30);
    expect(board.rows.every((r) => r.entries === 2 && r.score >= 1 && r.score <= 4)).toBe(true);
    expect((await readerOfChallenge(db, c.id, "reader-3")).teamName).toBe("team 3");
    expect((await readerOfChallenge(db, c.id, "reader-5")).teamId).toBeNull();
  });
});
