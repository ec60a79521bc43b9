/**
 * A tabular challenge end to end: an organiser posts train.csv, test.csv and an answer key with a metric
 * (POST /api/v1/imports, kind "tabular"), competitors' files are scored by the worker against the stored key, and
 * the leaderboard ranks in the metric's direction (lower first for an error).
 */
import { and, eq } from "drizzle-orm";
import { beforeEach, expect, it, vi } from "vitest";

let sessionUserId: string | undefined;
vi.mock("@/auth", () => ({ auth: async () => (sessionUserId ? { user: { id: sessionUserId } } : null) }));

import { getChallengeBySlug } from "@/db/queries/challenges";
import { currentDataset } from "@/db/queries/datasets";
import { publicLeaderboard } from "@/db/queries/leaderboard";
import { getPrivateScore, getSubmissionWithPublicScore } from "@/db/queries/submissions";
import { createUser } from "@/db/queries/users";
import { solutionRows } from "@/db/schema";
import { exportBundle, readBundle } from "@/lib/bundles";
import { runScoringJob } from "@/lib/jobs/score-submission";
import { describeEachDatabase } from "./databases";
import { postImport } from "./import-fixtures";
import { upload } from "./queue-fixtures";

const DB_KEY = Symbol.for("collider-arena.db");
let n = 0;

const post = postImport;

// Six test events: the odd ids Public, the even ones Private.
const ids = [1, 2, 3, 4, 5, 6];
const test = `EventId,x\n${ids.map((i) => `${i},${i / 10}`).join("\n")}\n`;
const usage = (i: number) => (i % 2 ? "Public" : "Private");

describeEachDatabase("tabular challenges", (get) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
  });

  async function organiser() {
    const { db } = get();
    const user = await createUser(db, { email: `tab${Date.now()}-${n++}@example.org`, name: "o", role: "organiser" });
    sessionUserId = user.id;
  }

  it("scores a regression by RMSE and ranks the smaller error first", async () => {
    const { db } = get();
    await organiser();
    const slug = `mass-${Date.now()}-${n++}`;
    const truth = [100, 120, 90, 125, 91, 130];
    const solution = `EventId,Label,Usage\n${ids.map((i, k) => `${i},${truth[k]},${usage(i)}`).join("\n")}\n`;
    const res = await post({
      kind: "tabular",
      slug,
      title: "Di-tau mass",
      target: "real",
      metric: "rmse",
      train: "x,mass\n0.1,125\n",
      test,
      solution,
    });
    expect(res.status).toBe(201);
    const challenge = (await getChallengeBySlug(db, slug))!;
    expect([challenge.kind, challenge.metricId]).toEqual(["tabular", "rmse"]);
    expect((await currentDataset(db, challenge.id))!.manifest.target).toEqual({ type: "real" });

    // Off by 2 everywhere (RMSE 2), and off by 1 on the Public events and 3 on the Private ones.
    const close = await upload(db, challenge, `EventId,prediction\n${ids.map((i, k) => `${i},${truth[k]! + 2}`).join("\n")}\n`);
    const mixed = await upload(
      db,
      challenge,
      `EventId,prediction\n${ids.map((i, k) => `${i},${truth[k]! - (i % 2 ? 1 : 3)}`).join("\n")}\n`,
    );
    for (const s of [close, mixed]) expect(await runScoringJob(db, s.id, { bootstrap: 20 })).toBe("scored");
    expect((await getSubmissionWithPublicScore(db, close.id))!.publicScore).toBeCloseTo(2, 12);
    expect((await getSubmissionWithPublicScore(db, mixed.id))!.publicScore).toBeCloseTo(1, 12);
    expect((await getPrivateScore(db, mixed.id))!.score).toBeCloseTo(3, 12);
    const board = await publicLeaderboard(db, { challengeId: challenge.id, higherIsBetter: false, limit: 10, offset: 0 });
    expect(board.rows.map((r) => r.score)).toEqual([expect.closeTo(1, 12), expect.closeTo(2, 12)]);
    // The challenge exports as a bundle, its real-valued key with it (tests/integration/bundles-tabular.test.ts has the round trips).
    expect(Array.from((await readBundle(await exportBundle(db, challenge.id))).solution.value!)).toEqual(truth);
  });

  it("scores a multi-class key by log-loss on one probability column per class, and fails a bad file with its line", async () => {
    const { db } = get();
    await organiser();
    const slug = `procs-${Date.now()}-${n++}`;
    const classes = ["ggH", "VBF", "Ztautau"];
    const truth = [0, 1, 2, 0, 1, 2];
    const solution = `EventId,Class,Usage\n${ids.map((i, k) => `${i},${classes[truth[k]!]},${usage(i)}`).join("\n")}\n`;
    const res = await post({
      kind: "tabular",
      slug,
      title: "Processes",
      target: "multiclass",
      metric: "log-loss",
      classes: classes.join(","),
      train: "x,process\n0.1,ggH\n",
      test,
      solution,
    });
    expect(res.status).toBe(201);
    const challenge = (await getChallengeBySlug(db, slug))!;
    // 0.8 on the true class everywhere: log-loss −ln 0.8 on each subset. Columns in any order.
    const rows = ids.map((i, k) => {
      const p = classes.map((_, c) => (c === truth[k] ? 0.8 : 0.1));
      return `${i},${p[2]},${p[0]},${p[1]}`;
    });
    const good = await upload(db, challenge, `EventId,Ztautau,ggH,VBF\n${rows.join("\n")}\n`);
    expect(await runScoringJob(db, good.id, { bootstrap: 0 })).toBe("scored");
    expect((await getSubmissionWithPublicScore(db, good.id))!.publicScore).toBeCloseTo(-Math.log(0.8), 12);
    const bad = await upload(db, challenge, `EventId,ggH,VBF,Ztautau\n1,0.5,0.5,0.5\n${rows.slice(1).join("\n")}\n`);
    expect(await runScoringJob(db, bad.id, { bootstrap: 0 })).toBe("failed");
    expect((await getSubmissionWithPublicScore(db, bad.id))!.submission.error).toMatch(/line 2: .*sum/);
  });

  it("refuses to score against a real-valued key that lost a value (an organiser's fault), rather than reading it as 0", async () => {
    const { db } = get();
    await organiser();
    const slug = `lost-${Date.now()}-${n++}`;
    const solution = `EventId,Label,Usage\n${ids.map((i) => `${i},${100 + i},${usage(i)}`).join("\n")}\n`;
    expect(
      (
        await post({
          kind: "tabular",
          slug,
          title: "Lost value",
          target: "real",
          metric: "mae",
          train: "x,mass\n0.1,125\n",
          test,
          solution,
        })
      ).status,
    ).toBe(201);
    const challenge = (await getChallengeBySlug(db, slug))!;
    const dataset = (await currentDataset(db, challenge.id))!;
    await db
      .update(solutionRows)
      .set({ value: null })
      .where(and(eq(solutionRows.datasetId, dataset.id), eq(solutionRows.eventId, 3)));
    const sub = await upload(db, challenge, `EventId,prediction\n${ids.map((i) => `${i},${100 + i}`).join("\n")}\n`);
    await expect(runScoringJob(db, sub.id, { bootstrap: 0 })).rejects.toThrow(/row 2: target NaN is not a finite number/);
    expect((await getSubmissionWithPublicScore(db, sub.id))!.publicScore).toBeNull();
  });

  it("creates nothing from a key whose metric does not suit its target, and says why", async () => {
    const { db } = get();
    await organiser();
    const slug = `wrong-${Date.now()}-${n++}`;
    const solution = `EventId,Label,Usage\n${ids.map((i) => `${i},${i * 10},${usage(i)}`).join("\n")}\n`;
    const res = await post({
      kind: "tabular",
      slug,
      title: "Wrong metric",
      target: "real",
      metric: "auc",
      train: "x\n1\n",
      test,
      solution,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_file");
    expect(body.error.message).toMatch(/metric: ROC AUC scores binary targets, not real/);
    expect(await getChallengeBySlug(db, slug)).toBeUndefined();
  });
});
