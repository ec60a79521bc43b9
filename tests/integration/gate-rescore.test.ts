/**
 * Changing a challenge's gates rescores what was already scored: the board follows the checks in force. Switched on
 * (the API), a submission ranked before that fails the new check ends "Not ranked" once the worker has rescored it;
 * switched off (the manage page), it is ranked again. A refused change writes nothing and queues nothing.
 */
import type PgBoss from "pg-boss";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";

let sessionUserId: string | undefined;
vi.mock("@/auth", () => ({ auth: async () => (sessionUserId ? { user: { id: sessionUserId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import * as manage from "@/app/(site)/challenges/[slug]/manage/actions";
import * as gatesRoute from "@/app/api/v1/challenges/[slug]/gates/route";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { publicLeaderboard } from "@/db/queries/leaderboard";
import { getSubmissionWithPublicScore } from "@/db/queries/submissions";
import { createUser } from "@/db/queries/users";
import type { Challenge } from "@/db/schema";
import type { Db } from "@/db/client";
import { runScoringJob } from "@/lib/jobs/score-submission";
import { setBoss } from "@/lib/jobs/shared-queue";
import { gatedEvents, gatedFiles, gatedSubmission } from "../fixtures/gated-tabular";
import { describeEachDatabase } from "./databases";
import { postImport } from "./import-fixtures";
import { upload } from "./queue-fixtures";

const DB_KEY = Symbol.for("collider-arena.db");
let n = 0;

// The queue as the routes see it: what they send is recorded, and the test runs each job as a worker would.
let enqueued: number[] = [];
beforeAll(() => {
  setBoss({ send: async (_q: string, data: { submissionId: number }) => (enqueued.push(data.submissionId), "job") } as unknown as PgBoss);
});

const put = (slug: string, body: unknown) =>
  gatesRoute.PUT(
    new Request(`http://localhost/api/v1/challenges/${slug}/gates`, {
      method: "PUT",
      body: JSON.stringify(body),
      headers: { Origin: "http://localhost", "Content-Type": "application/json" },
    }),
    { params: Promise.resolve({ slug }) },
  );

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

/** The worker's part: every queued job run, in the order sent. */
async function work(db: Db): Promise<Record<number, string>> {
  const jobs = enqueued;
  enqueued = [];
  const outcomes: Record<number, string> = {};
  for (const id of jobs) outcomes[id] = await runScoringJob(db, id, { bootstrap: 0 });
  return outcomes;
}

const board = async (db: Db, challenge: Challenge) =>
  (await publicLeaderboard(db, { challengeId: challenge.id, higherIsBetter: true, limit: 10, offset: 0 })).rows.map((r) => r.score);

describeEachDatabase("changing gates rescores the challenge", (get) => {
  beforeEach(async () => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    enqueued = [];
    const user = await createUser(get().db, { email: `gr${Date.now()}-${n++}@example.org`, name: "o", role: "organiser" });
    sessionUserId = user.id;
  });

  /** An ungated challenge of these events with an honest and an origin-aware submission, both scored and ranked. */
  async function rankedPair(events = gatedEvents()) {
    const { db } = get();
    const slug = `gate-rescore-${Date.now()}-${n++}`;
    const res = await postImport({ kind: "tabular", slug, title: "Gated later", target: "binary", metric: "auc", ...gatedFiles(events) });
    expect(res.status).toBe(201);
    const challenge = (await getChallengeBySlug(db, slug))!;
    const honest = await upload(db, challenge, gatedSubmission("honest", events));
    const originAware = await upload(db, challenge, gatedSubmission("originAware", events));
    expect(await runScoringJob(db, honest.id, { bootstrap: 0 })).toBe("scored");
    expect(await runScoringJob(db, originAware.id, { bootstrap: 0 })).toBe("scored");
    expect(await board(db, challenge)).toHaveLength(2);
    return { slug, challenge, honest, originAware };
  }

  it("un-ranks a submission that fails a check switched on, and ranks it again when the check is switched off", async () => {
    const { db } = get();
    const { slug, challenge, honest, originAware } = await rankedPair();
    const scoreOf = async (id: number) => (await getSubmissionWithPublicScore(db, id))!;
    const honestScore = (await scoreOf(honest.id)).publicScore;

    const on = await put(slug, { gates: [{ id: "ks-agreement" }] });
    expect(on.status).toBe(200);
    expect(await on.json()).toEqual({
      gates: [{ id: "ks-agreement", threshold: 0.09 }],
      rescoring: 2,
      message: "2 submissions will be rescored.",
    });
    // Reset in the change's transaction: off the board until the worker has rescored them.
    expect(enqueued).toEqual([honest.id, originAware.id]);
    expect((await scoreOf(originAware.id)).submission.status).toBe("queued");
    expect(await board(db, challenge)).toEqual([]);
    expect(await work(db)).toEqual({ [honest.id]: "scored", [originAware.id]: "failed" });
    const failed = await scoreOf(originAware.id);
    expect(failed.submission.error).toMatch(/Not ranked: failed the KS agreement check .*must be below 0\.09$/);
    expect(failed.submission.gates!.map((g) => [g.id, g.passed])).toEqual([["ks-agreement", false]]);
    expect(await board(db, challenge)).toEqual([honestScore]);

    // The same checks again: no change, nothing queued, the results stand.
    const same = await put(slug, { gates: [{ id: "ks-agreement", threshold: 0.09 }] });
    expect(await same.json()).toMatchObject({ rescoring: 0, message: "No submission needs rescoring." });
    expect(enqueued).toEqual([]);
    expect((await scoreOf(originAware.id)).submission.status).toBe("failed");

    // The manage page's form without a ticked check switches it off.
    const off = await manage.setGatesAction({}, form({ slug }));
    expect(off).toMatchObject({ success: "No checks: every valid submission is ranked. 2 submissions will be rescored." });
    expect((await getChallengeBySlug(db, slug))!.config.gates).toBeUndefined();
    expect(await work(db)).toEqual({ [honest.id]: "scored", [originAware.id]: "scored" });
    const ranked = await scoreOf(originAware.id);
    expect(ranked.submission.gates).toBeNull();
    expect(ranked.submission.error).toBeNull();
    expect((await board(db, challenge)).sort()).toEqual([honestScore, ranked.publicScore].sort());
  });

  it("changes nothing and queues nothing when a change is refused", async () => {
    const { db } = get();
    // 999 real control rows: one short of what the agreement check needs.
    let dropped = 0;
    const events = gatedEvents().filter((e) => !(e.role === "real" && dropped++ === 0));
    const { slug, challenge, honest, originAware } = await rankedPair(events);
    const before = (await getChallengeBySlug(db, slug))!;

    const few = await put(slug, { gates: [{ id: "ks-agreement" }] });
    expect(few.status).toBe(400);
    expect(((await few.json()) as { error: { message: string } }).error.message).toBe(
      "Nothing was changed: The KS agreement check needs at least 1000 Control rows of each Origin (real and simulated) in the answer key; it has 999 real and 1000 simulated",
    );
    const bad = await manage.setGatesAction({}, form({ slug, "gate-cvm-correlation": "on", "gate-cvm-correlation-threshold": "-1" }));
    expect(bad).toMatchObject({ error: "A gate's threshold must be above 0" });

    expect(enqueued).toEqual([]);
    expect((await getChallengeBySlug(db, slug))!.config).toEqual(before.config);
    for (const s of [honest, originAware]) expect((await getSubmissionWithPublicScore(db, s.id))!.submission.status).toBe("scored");
    expect(await board(db, challenge)).toHaveLength(2);
  });
});
