import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { createSubmission, DailyLimitError, listTeamSubmissions } from "@/db/queries/submissions";
import { submissionFiles, submissions } from "@/db/schema";
import { describeEachDatabase } from "./databases";
import { makeChallenge, makeUserWithTeam, tinyUpload } from "./fixtures";

describeEachDatabase("submissions and the daily limit", (get) => {
  it("accepts exactly the limit out of 20 concurrent uploads, storing each file with its row", async () => {
    const { db } = get();
    const c = await makeChallenge(db, { dailySubmissionLimit: 5 });
    const { user, team } = await makeUserWithTeam(db, c.id);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        createSubmission(db, {
          challengeId: c.id,
          teamId: team.id,
          userId: user.id,
          dailyLimit: 5,
          filename: `${i}.csv`,
          description: "",
          ...tinyUpload(),
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(15);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(DailyLimitError);
    const rows = await db.select().from(submissions).where(eq(submissions.teamId, team.id));
    expect(rows).toHaveLength(5);
    const files = await db.select({ id: submissionFiles.submissionId }).from(submissionFiles);
    for (const r of rows) expect(files.map((f) => f.id)).toContain(r.id);
  });

  it("does not count failed submissions, and counts per UTC day", async () => {
    const { db } = get();
    const c = await makeChallenge(db);
    const { user, team } = await makeUserWithTeam(db, c.id);
    const up = (now: Date) =>
      createSubmission(db, {
        challengeId: c.id,
        teamId: team.id,
        userId: user.id,
        dailyLimit: 1,
        filename: "a.csv",
        description: "",
        now,
        ...tinyUpload(),
      });
    const first = await up(new Date("2026-06-01T23:59:00Z"));
    await expect(up(new Date("2026-06-01T23:59:30Z"))).rejects.toThrow(/limit of 1 submission\b/);
    await db.update(submissions).set({ status: "failed" }).where(eq(submissions.id, first.id));
    await up(new Date("2026-06-01T23:59:40Z")); // the failed one freed its slot
    await up(new Date("2026-06-02T00:00:10Z")); // a new UTC day
    expect(await listTeamSubmissions(db, team.id)).toHaveLength(3);
  });
});
