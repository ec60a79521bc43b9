import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { setFinalSelection, FinalSelectionError } from "@/db/queries/submissions";
import { ensureTeam, getTeamOfUser, joinTeamByCode, leaveTeam, mergeTeams, TeamRuleError } from "@/db/queries/teams";
import { submissions, teams } from "@/db/schema";
import { describeEachDatabase } from "./databases";
import { makeChallenge, makeScored, makeUserWithTeam } from "./fixtures";

const DAY = 86_400_000;

describeEachDatabase("teams", (get) => {
  it("lets a solo competitor without submissions join by code, up to the size limit", async () => {
    const { db } = get();
    const c = await makeChallenge(db, { maxTeamSize: 2 });
    const a = await makeUserWithTeam(db, c.id);
    const b = await makeUserWithTeam(db, c.id);
    const x = await makeUserWithTeam(db, c.id);
    await joinTeamByCode(db, c, b.user, a.team.inviteCode);
    expect((await getTeamOfUser(db, c.id, b.user.id))?.id).toBe(a.team.id);
    // b's old, empty team is gone.
    expect(await db.select().from(teams).where(eq(teams.id, b.team.id))).toEqual([]);
    await expect(joinTeamByCode(db, c, x.user, a.team.inviteCode)).rejects.toThrow(/is full \(at most 2 members\)/);
    await expect(joinTeamByCode(db, c, x.user, "nope")).rejects.toThrow(TeamRuleError);
  });

  it("makes competitors with submissions merge instead of join, and lets members leave", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    const a = await makeUserWithTeam(db, c.id);
    const b = await makeUserWithTeam(db, c.id);
    await makeScored(db, { challengeId: c.id, teamId: b.team.id, pub: 1, priv: 1 });
    await expect(joinTeamByCode(db, c, b.user, a.team.inviteCode)).rejects.toThrow(/merge instead/);
    await expect(leaveTeam(db, c.id, a.user.id)).rejects.toThrow(/only member/);
  });

  it("merges only within daily limit × days elapsed, and before the deadline", async () => {
    const { db } = get();
    const now = new Date();
    const c = await makeChallenge(db, { dailySubmissionLimit: 2, maxTeamSize: 5, mergerDeadline: new Date(now.getTime() + DAY) });
    const started = new Date(now.getTime() - 1.5 * DAY); // 2 days elapsed → 4 submissions allowed together
    const a = await makeUserWithTeam(db, c.id);
    const b = await makeUserWithTeam(db, c.id);
    for (let i = 0; i < 3; i++) await makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: i, priv: i });
    for (let i = 0; i < 2; i++) await makeScored(db, { challengeId: c.id, teamId: b.team.id, pub: i, priv: i });
    await expect(mergeTeams(db, c, started, { fromId: b.team.id, intoId: a.team.id, now })).rejects.toThrow(
      /made 5 submissions, more than one team could have made so far \(2 a day × 2 days = 4\)/,
    );
    await db.delete(submissions).where(eq(submissions.teamId, b.team.id));
    await makeScored(db, { challengeId: c.id, teamId: b.team.id, pub: 9, priv: 9 });
    await mergeTeams(db, c, started, { fromId: b.team.id, intoId: a.team.id, now });
    expect((await getTeamOfUser(db, c.id, b.user.id))?.id).toBe(a.team.id);
    expect(await db.select().from(submissions).where(eq(submissions.teamId, a.team.id))).toHaveLength(4);
    const late = new Date(now.getTime() + 2 * DAY);
    const d = await makeUserWithTeam(db, c.id);
    await expect(mergeTeams(db, c, started, { fromId: d.team.id, intoId: a.team.id, now: late })).rejects.toThrow(/merger deadline/);
  });

  it("names a new team after its competitor, suffixing a taken name", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    const a = await makeUserWithTeam(db, c.id, `same-${c.id}`);
    const again = await ensureTeam(db, c.id, a.user);
    expect(again.id).toBe(a.team.id);
  });
});

describeEachDatabase("final selection", (get) => {
  it("allows at most the challenge's number of finals, scored ones only", async () => {
    const { db } = get();
    const c = await makeChallenge(db, { finalSelections: 2 });
    const a = await makeUserWithTeam(db, c.id);
    const subs = await Promise.all([1, 2, 3].map((x) => makeScored(db, { challengeId: c.id, teamId: a.team.id, pub: x, priv: x })));
    const sel = (i: number, selected = true) =>
      setFinalSelection(db, { teamId: a.team.id, submissionId: subs[i]!.id, selected, maxFinals: 2 });
    await sel(0);
    await sel(1);
    await expect(sel(2)).rejects.toThrow(/already selected 2 final submissions/);
    await sel(0, false);
    await sel(2);
    const other = await makeUserWithTeam(db, c.id);
    await expect(
      setFinalSelection(db, { teamId: other.team.id, submissionId: subs[0]!.id, selected: true, maxFinals: 2 }),
    ).rejects.toBeInstanceOf(FinalSelectionError);
  });
});
