import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { benchmarkRows, privateLeaderboard, publicLeaderboard } from "@/db/queries/leaderboard";
import { benchmarkEntries, submissions, teams } from "@/db/schema";
import { describeEachDatabase } from "./databases";
import { makeChallenge, makeScored, makeUserWithTeam } from "./fixtures";

describeEachDatabase("leaderboards", (get) => {
  it("ranks each team by its best public score, never ranks failures, and pages", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    const a = await makeUserWithTeam(db, c.id, "alice");
    const b = await makeUserWithTeam(db, c.id, "bob");
    const z = await makeUserWithTeam(db, c.id, "zed");
    const failedOnly = await makeUserWithTeam(db, c.id, "failer");
    await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: 3.1, priv: 3.0 });
    await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: 3.4, priv: 2.9 });
    await makeScored(db, { challengeId: c.id, teamId: b.team.id, pub: 3.2, priv: 3.5 });
    await makeScored(db, { challengeId: c.id, teamId: z.team.id, pub: 1.0, priv: 1.0 });
    await db.insert(submissions).values({
      challengeId: c.id,
      teamId: failedOnly.team.id,
      filename: "bad.csv",
      sizeBytes: 1,
      sha256: "x",
      status: "failed",
      error: "line 2: bad",
    });
    const lb = await publicLeaderboard(db, { challengeId: c.id, higherIsBetter: true, limit: 2, offset: 0 });
    expect(lb.total).toBe(3);
    expect(lb.rows.map((r) => [r.rank, r.teamName, r.score, r.entries])).toEqual([
      [1, "alice", 3.4, 2],
      [2, "bob", 3.2, 1],
    ]);
    const page2 = await publicLeaderboard(db, { challengeId: c.id, higherIsBetter: true, limit: 2, offset: 2 });
    expect(page2.rows.map((r) => [r.rank, r.teamName])).toEqual([[3, "zed"]]);
    // Lower-is-better metrics flip the order.
    const asc = await publicLeaderboard(db, { challengeId: c.id, higherIsBetter: false, limit: 10, offset: 0 });
    expect(asc.rows.map((r) => r.teamName)).toEqual(["zed", "alice", "bob"]);
    // A disqualified team disappears.
    await db.update(teams).set({ disqualified: true }).where(eq(teams.id, b.team.id));
    const dq = await publicLeaderboard(db, { challengeId: c.id, higherIsBetter: true, limit: 10, offset: 0 });
    expect(dq.rows.map((r) => r.teamName)).toEqual(["alice", "zed"]);
  });

  it("lists benchmark entries best first in the metric's direction", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    const owner = await makeUserWithTeam(db, c.id, "bench");
    for (const [name, pub] of [
      ["middle", 0.5],
      ["low", 0.1],
      ["high", 0.9],
    ] as const) {
      const s = await makeScored(db, { challengeId: c.id, teamId: owner.team.id, pub, priv: pub });
      await db.insert(benchmarkEntries).values({ submissionId: s.id, name, modelCard: {} });
    }
    const names = async (higherIsBetter: boolean) => (await benchmarkRows(db, { challengeId: c.id, higherIsBetter })).map((b) => b.name);
    expect(await names(true)).toEqual(["high", "middle", "low"]);
    // An error such as RMSE: the smallest is the best.
    expect(await names(false)).toEqual(["low", "middle", "high"]);
  });

  it("marks neighbours whose difference is within their combined uncertainty", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    const teamsMade = await Promise.all(["p", "q", "r"].map((n) => makeUserWithTeam(db, c.id, `${n}-${c.id}`)));
    await makeScored(db, { challengeId: c.id, teamId: teamsMade[0]!.team.id, pub: 3.0, priv: 0, std: 0.1 });
    await makeScored(db, { challengeId: c.id, teamId: teamsMade[1]!.team.id, pub: 2.9, priv: 0, std: 0.1 }); // 0.1 < 0.141: tied
    await makeScored(db, { challengeId: c.id, teamId: teamsMade[2]!.team.id, pub: 2.5, priv: 0, std: 0.1 }); // 0.4: not
    const lb = await publicLeaderboard(db, { challengeId: c.id, higherIsBetter: true, limit: 10, offset: 0 });
    expect(lb.rows.map((r) => r.tiedWithPrevious)).toEqual([false, true, false]);
  });

  it("scores the private board by final selections, or else the best public ones, with the shake-up", async () => {
    const { db } = get();
    const c = await makeChallenge(db, { finalSelections: 2 });
    const a = await makeUserWithTeam(db, c.id, `a-${c.id}`);
    const b = await makeUserWithTeam(db, c.id, `b-${c.id}`);
    // a marked no final: its two best public (3.4, 3.3) count, best private among them 3.0, not the 9.9 of its third.
    await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: 3.4, priv: 2.0 });
    await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: 3.3, priv: 3.0 });
    await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: 1.0, priv: 9.9 });
    // b marked its weaker public submission as final: that one's private score counts.
    await makeScored(db, { challengeId: c.id, teamId: b.team.id, pub: 3.2, priv: 1.0 });
    await makeScored(db, { challengeId: c.id, teamId: b.team.id, pub: 2.0, priv: 3.6, final: true });
    const lb = await privateLeaderboard(db, { challengeId: c.id, higherIsBetter: true, finalSelections: 2, limit: 10, offset: 0 });
    expect(lb.rows.map((r) => [r.rank, r.score, r.publicRank, r.rankChange])).toEqual([
      [1, 3.6, 2, 1],
      [2, 3.0, 1, -1],
    ]);
    expect(lb.rows.map((r) => r.teamId)).toEqual([b.team.id, a.team.id]);
  });
});
