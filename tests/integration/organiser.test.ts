import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { publicLeaderboard } from "@/db/queries/leaderboard";
import {
  bestPublicScores,
  failedSubmissions,
  listTeams,
  resetForRescore,
  setDisqualified,
  submissionsPerDay,
} from "@/db/queries/organiser";
import { getSubmissionWithPublicScore } from "@/db/queries/submissions";
import { publicScores, submissions } from "@/db/schema";
import { runScoringJob } from "@/lib/jobs/score-submission";
import { describeEachDatabase } from "./databases";
import { makeChallenge, makeScored, makeUserWithTeam } from "./fixtures";
import { goodCsv, makeHiggsChallenge, upload } from "./queue-fixtures";

describeEachDatabase("the organiser's dashboard", (get) => {
  it("counts submissions per UTC day, collects the field's best scores and the failures", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    const a = await makeUserWithTeam(db, c.id);
    const b = await makeUserWithTeam(db, c.id);
    await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: 1, priv: 1, at: new Date("2026-03-01T23:00:00Z") });
    await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: 3, priv: 1, at: new Date("2026-03-02T01:00:00Z") });
    const bad = await makeScored(db, { challengeId: c.id, teamId: b.team.id, pub: 2, priv: 1, at: new Date("2026-03-02T02:00:00Z") });
    await db.update(submissions).set({ status: "failed", error: "line 3: Class must be s or b" }).where(eq(submissions.id, bad.id));
    await db.delete(publicScores).where(eq(publicScores.submissionId, bad.id));
    expect(await submissionsPerDay(db, c.id)).toEqual([
      { day: "2026-03-01", count: 1 },
      { day: "2026-03-02", count: 2 },
    ]);
    expect(await bestPublicScores(db, c.id, true)).toEqual([3]);
    expect((await failedSubmissions(db, c.id)).map((f) => [f.teamName, f.error])).toEqual([[b.team.name, "line 3: Class must be s or b"]]);
  });

  it("leaves NaN out of each team's best public score (NaN only when it has no other) and keeps +∞ as the best of a higher-is-better metric", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    const [a, b, only] = await Promise.all([1, 2, 3].map(() => makeUserWithTeam(db, c.id)));
    for (const [team, pub] of [
      [a!, NaN],
      [a!, 2],
      [b!, Infinity],
      [b!, 5],
      [only!, NaN],
    ] as const) {
      await makeScored(db, { challengeId: c.id, teamId: team.team.id, pub, priv: 0 });
    }
    // Numbers in order, then the NaN of the team that has nothing else.
    const sorted = async (higherIsBetter: boolean) =>
      (await bestPublicScores(db, c.id, higherIsBetter)).sort((x, y) => (Number.isNaN(x) ? 1 : Number.isNaN(y) ? -1 : x - y));
    expect(await sorted(true)).toEqual([2, Infinity, NaN]);
    expect(await sorted(false)).toEqual([2, 5, NaN]);
  });

  it("takes a disqualified team off the leaderboard and puts it back when reinstated", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    const a = await makeUserWithTeam(db, c.id);
    await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: 1, priv: 1 });
    const board = () => publicLeaderboard(db, { challengeId: c.id, higherIsBetter: true, limit: 10, offset: 0 });
    expect((await board()).total).toBe(1);
    expect(await setDisqualified(db, c.id, a.team.id, true)).toBe(true);
    expect((await board()).total).toBe(0);
    expect((await listTeams(db, c.id))[0]).toMatchObject({ name: a.team.name, disqualified: true, members: 1, entries: 1 });
    expect(await setDisqualified(db, c.id + 1000, a.team.id, false)).toBe(false); // another challenge's team: untouched
    await setDisqualified(db, c.id, a.team.id, false);
    expect((await board()).total).toBe(1);
  });

  it("rescores every finished submission to the same scores", async () => {
    const { db } = get();
    const { challenge, ids } = await makeHiggsChallenge(db);
    const good = await upload(db, challenge, goodCsv(ids));
    const broken = await upload(db, challenge, "EventId,RankOrder,Class\n1,1,x\n");
    for (const s of [good, broken]) await runScoringJob(db, s.id, { bootstrap: 0 });
    const before = await getSubmissionWithPublicScore(db, good.id);
    expect(before!.submission.status).toBe("scored");
    expect(await resetForRescore(db, challenge.id)).toEqual([good.id, broken.id]);
    expect((await getSubmissionWithPublicScore(db, good.id))!).toMatchObject({ publicScore: null, submission: { status: "queued" } });
    for (const s of [good, broken]) await runScoringJob(db, s.id, { bootstrap: 0 });
    const after = await getSubmissionWithPublicScore(db, good.id);
    expect(after!.publicScore).toBe(before!.publicScore);
    expect((await getSubmissionWithPublicScore(db, broken.id))!.submission.status).toBe("failed");
  });
});
