/**
 * A score that is +∞ (background rejection 1/ε_B when no background passes the cut) through every place a score is
 * stored or sent: the double precision column, the JSON details, the v1 API's leaderboard and reader standing, the
 * leaderboard's order, and the pages' formatting (scoring/score-value.ts).
 */
import { eq } from "drizzle-orm";
import { beforeEach, expect, it, vi } from "vitest";

let sessionUserId: string | undefined;
vi.mock("@/auth", () => ({ auth: async () => (sessionUserId ? { user: { id: sessionUserId } } : null) }));

import * as board from "@/app/api/v1/challenges/[slug]/leaderboard/route";
import * as imports from "@/app/api/v1/imports/route";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { benchmarkRows, publicLeaderboard } from "@/db/queries/leaderboard";
import { getPrivateScore, getSubmissionWithPublicScore } from "@/db/queries/submissions";
import { createUser } from "@/db/queries/users";
import { publicScores } from "@/db/schema";
import { presentSubmission } from "@/lib/api/v1/present";
import { clearLeaderboardCaches } from "@/lib/leaderboard";
import { runScoringJob } from "@/lib/jobs/score-submission";
import { formatScore } from "@/scoring/score-value";
import { describeEachDatabase } from "./databases";
import { upload } from "./queue-fixtures";

const DB_KEY = Symbol.for("collider-arena.db");
let n = 0;

const post = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (["train", "test", "solution"].includes(k)) form.set(k, new Blob([v]), `${k}.csv`);
    else form.set(k, v);
  }
  return imports.POST(
    new Request("http://localhost/api/v1/imports", { method: "POST", body: form, headers: { Origin: "http://localhost" } }),
  );
};

// Odd ids Public, even Private; one signal event and two background ones in each.
const ids = [1, 2, 3, 4, 5, 6];
const label = (i: number) => (i <= 2 ? 1 : 0);
const solution = `EventId,Label,Usage\n${ids.map((i) => `${i},${label(i)},${i % 2 ? "Public" : "Private"}`).join("\n")}\n`;
const test = `EventId,x\n${ids.map((i) => `${i},${i / 10}`).join("\n")}\n`;

describeEachDatabase("scores that are not finite", (get) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    clearLeaderboardCaches();
  });

  it("stores +∞ as a number, keeps it in the details, ranks it first for a higher-is-better metric and names it in the API", async () => {
    const { db } = get();
    const organiser = await createUser(db, { email: `inf${Date.now()}-${n++}@example.org`, name: "o", role: "organiser" });
    sessionUserId = organiser.id;
    const slug = `tagger-${Date.now()}-${n++}`;
    const res = await post({
      kind: "tabular",
      slug,
      title: "Tagger",
      target: "binary",
      metric: "rejection-at-eps-s",
      epsS: "0.5",
      train: "x,Label\n0.1,1\n",
      test,
      solution,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const challenge = (await getChallengeBySlug(db, slug))!;

    // Signal above every background event: the ε_S = 0.5 cut keeps none, 1/ε_B = +∞ on both subsets.
    const perfect = await upload(db, challenge, `EventId,score\n${ids.map((i) => `${i},${label(i) ? 0.9 : 0.1}`).join("\n")}\n`);
    // A background event above the signal: the cut at the signal keeps half the background, 1/ε_B = 2.
    const finite = await upload(
      db,
      challenge,
      `EventId,score\n${ids.map((i) => `${i},${label(i) ? 0.5 : i <= 4 ? 0.9 : 0.1}`).join("\n")}\n`,
    );
    for (const s of [finite, perfect]) expect(await runScoringJob(db, s.id, { bootstrap: 20 })).toBe("scored");

    const stored = (await getSubmissionWithPublicScore(db, perfect.id))!;
    expect(stored.publicScore).toBe(Infinity);
    expect(stored.publicStd).toBeNull();
    expect(stored.publicDetails!["rejection-at-eps-s"]).toBe(Infinity);
    const [raw] = await db.select({ details: publicScores.details }).from(publicScores).where(eq(publicScores.submissionId, perfect.id));
    expect(raw!.details["rejection-at-eps-s"]).toBe("Infinity");
    expect((await getPrivateScore(db, perfect.id))!.score).toBe(Infinity);
    expect((await getSubmissionWithPublicScore(db, finite.id))!.publicScore).toBe(2);

    const rows = (await publicLeaderboard(db, { challengeId: challenge.id, higherIsBetter: true, limit: 10, offset: 0 })).rows;
    expect(rows.map((r) => [r.rank, r.score])).toEqual([
      [1, Infinity],
      [2, 2],
    ]);
    expect(rows.map((r) => formatScore(r.score, 2))).toEqual(["∞", "2.00"]);
    // Lower is better would put it last.
    const reversed = await publicLeaderboard(db, { challengeId: challenge.id, higherIsBetter: false, limit: 10, offset: 0 });
    expect(reversed.rows.map((r) => r.score)).toEqual([2, Infinity]);
    expect(await benchmarkRows(db, { challengeId: challenge.id, higherIsBetter: true })).toEqual([]);

    const json = (await (
      await board.GET(new Request(`http://localhost/api/v1/challenges/${slug}/leaderboard`), { params: Promise.resolve({ slug }) })
    ).json()) as {
      rows: { score: unknown }[];
    };
    expect(json.rows.map((r) => r.score)).toEqual(["Infinity", 2]);
    const sub = JSON.parse(
      JSON.stringify(presentSubmission({ ...stored.submission, publicScore: stored.publicScore, publicStd: stored.publicStd }, null)),
    ) as { public: { score: unknown } };
    expect(sub.public.score).toBe("Infinity");
  });

  it("ranks a NaN score last whichever way the metric points", async () => {
    const { db } = get();
    const organiser = await createUser(db, { email: `nan${Date.now()}-${n++}@example.org`, name: "o", role: "organiser" });
    sessionUserId = organiser.id;
    const slug = `nan-${Date.now()}-${n++}`;
    expect(
      (await post({ kind: "tabular", slug, title: "NaN", target: "binary", metric: "auc", train: "x,Label\n0.1,1\n", test, solution }))
        .status,
    ).toBe(201);
    const challenge = (await getChallengeBySlug(db, slug))!;
    const a = await upload(db, challenge, `EventId,score\n${ids.map((i) => `${i},${i / 10}`).join("\n")}\n`);
    const b = await upload(db, challenge, `EventId,score\n${ids.map((i) => `${i},${1 - i / 10}`).join("\n")}\n`);
    for (const s of [a, b]) expect(await runScoringJob(db, s.id, { bootstrap: 0 })).toBe("scored");
    await db.update(publicScores).set({ score: NaN }).where(eq(publicScores.submissionId, a.id));
    for (const higherIsBetter of [true, false]) {
      const rows = (await publicLeaderboard(db, { challengeId: challenge.id, higherIsBetter, limit: 10, offset: 0 })).rows;
      expect(rows.map((r) => r.submissionId)).toEqual([b.id, a.id]);
      expect(rows[1]!.score).toBeNaN();
    }
  });
});
