/**
 * A tabular binary challenge with both Flavours-of-Physics gates on, end to end: the organiser's key carries the
 * control rows (Usage=Control, Origin or Aux), the worker runs both checks on each submission's scores for them, a
 * submission that fails one is failed and not ranked with its statistic and threshold, and the settings can be
 * changed through the API. Control rows never count on a board; their truth never reaches a client.
 */
import { gunzipSync } from "node:zlib";
import { and, eq, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";

let sessionUserId: string | undefined;
vi.mock("@/auth", () => ({ auth: async () => (sessionUserId ? { user: { id: sessionUserId } } : null) }));

import * as gatesRoute from "@/app/api/v1/challenges/[slug]/gates/route";
import * as submissionRoute from "@/app/api/v1/challenges/[slug]/submissions/[id]/route";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { currentDataset, datasetFileBytes } from "@/db/queries/datasets";
import { publicLeaderboard } from "@/db/queries/leaderboard";
import { getPrivateScore, getSubmissionWithPublicScore } from "@/db/queries/submissions";
import { createUser } from "@/db/queries/users";
import { solutionRows } from "@/db/schema";
import { exportBundle, importBundle, readBundle } from "@/lib/bundles";
import { runScoringJob } from "@/lib/jobs/score-submission";
import { setBoss } from "@/lib/jobs/shared-queue";
import { USAGE } from "@/scoring/solution";
import { GATED_COUNTS, gatedFiles, gatedSubmission } from "../fixtures/gated-tabular";
import { describeEachDatabase } from "./databases";
import { postImport } from "./import-fixtures";
import { upload } from "./queue-fixtures";

const DB_KEY = Symbol.for("collider-arena.db");
let n = 0;
const files = gatedFiles();
const GATE_FIELDS = {
  "gate-ks-agreement": "on",
  "gate-ks-agreement-threshold": "",
  "gate-cvm-correlation": "on",
  "gate-cvm-correlation-threshold": "0.002",
  "gate-cvm-correlation-column": "mass",
};

const post = postImport;

// A gate change queues the rescoring of earlier submissions (tests/integration/gate-rescore.test.ts); nothing runs those jobs here.
beforeAll(() => setBoss({ send: async () => "job" } as unknown as PgBoss));

describeEachDatabase("tabular challenges with gates", (get) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
  });

  async function organiser() {
    const user = await createUser(get().db, { email: `gate${Date.now()}-${n++}@example.org`, name: "o", role: "organiser" });
    sessionUserId = user.id;
  }

  it("ranks a submission that passes both checks, and fails one that depends on the origin and one that tracks the mass", async () => {
    const { db } = get();
    await organiser();
    const slug = `gated-${Date.now()}-${n++}`;
    const res = await post({ kind: "tabular", slug, title: "Gated search", target: "binary", metric: "auc", ...files, ...GATE_FIELDS });
    expect(res.status).toBe(201);
    const challenge = (await getChallengeBySlug(db, slug))!;
    expect(challenge.config.gates).toEqual([
      { id: "ks-agreement", threshold: 0.09 },
      { id: "cvm-correlation", threshold: 0.002, column: "mass" },
    ]);
    const ds = (await currentDataset(db, challenge.id))!;
    const [stored] = await db
      .select({
        real: sql<number>`count(*) filter (where origin = 1)::int`,
        sim: sql<number>`count(*) filter (where origin = 0)::int`,
        aux: sql<number>`count(aux)::int`,
      })
      .from(solutionRows)
      .where(and(eq(solutionRows.datasetId, ds.id), eq(solutionRows.usage, USAGE.Control)));
    expect(stored).toEqual({ real: GATED_COUNTS.real, sim: GATED_COUNTS.simulated, aux: GATED_COUNTS.correlation });
    // Competitors download test.csv as given: features only, no Origin or Aux.
    expect(
      gunzipSync((await datasetFileBytes(db, challenge.id, "test.csv"))!)
        .toString()
        .split("\n")[0],
    ).toBe("EventId,x,mass");

    const honest = await upload(db, challenge, gatedSubmission("honest"));
    const originAware = await upload(db, challenge, gatedSubmission("originAware"));
    const massTracking = await upload(db, challenge, gatedSubmission("massTracking"));
    expect(await runScoringJob(db, honest.id, { bootstrap: 0 })).toBe("scored");
    expect(await runScoringJob(db, originAware.id, { bootstrap: 0 })).toBe("failed");
    expect(await runScoringJob(db, massTracking.id, { bootstrap: 0 })).toBe("failed");

    const ok = (await getSubmissionWithPublicScore(db, honest.id))!;
    expect(ok.submission.gates!.map((g) => [g.id, g.passed, g.events])).toEqual([
      ["ks-agreement", true, 2000],
      ["cvm-correlation", true, 1000],
    ]);
    expect(ok.publicScore).toBeGreaterThan(0.8);

    const ks = (await getSubmissionWithPublicScore(db, originAware.id))!;
    expect(ks.submission.status).toBe("failed");
    expect(ks.submission.error).toMatch(
      /Not ranked: failed the KS agreement check .*: statistic 0\.\d+ on 2000 control events, must be below 0\.09/,
    );
    expect(ks.submission.gates!.map((g) => [g.id, g.passed])).toEqual([
      ["ks-agreement", false],
      ["cvm-correlation", true],
    ]);
    expect(ks.submission.gates![0]!.statistic).toBeGreaterThan(0.09);
    expect(ks.publicScore).toBeNull();
    expect(await getPrivateScore(db, originAware.id)).toBeUndefined();

    const cvm = (await getSubmissionWithPublicScore(db, massTracking.id))!;
    expect(cvm.submission.error).toMatch(
      /Not ranked: failed the Correlation \(CvM\) check .*column mass\): statistic 0\.\d+ on 1000 control events, must be below 0\.002/,
    );
    expect(cvm.submission.gates!.map((g) => [g.id, g.passed])).toEqual([
      ["ks-agreement", true],
      ["cvm-correlation", false],
    ]);
    expect(cvm.publicScore).toBeNull();

    const board = await publicLeaderboard(db, { challengeId: challenge.id, higherIsBetter: true, limit: 10, offset: 0 });
    expect(board.rows.map((r) => r.score)).toEqual([ok.publicScore]);

    // The submission API shows each check's statistic and threshold, and nothing of the control rows' truth.
    const apiRes = await submissionRoute.GET(new Request(`http://localhost/api/v1/challenges/${slug}/submissions/${originAware.id}`), {
      params: Promise.resolve({ slug, id: String(originAware.id) }),
    });
    const sessionBody = await apiRes.text();
    // The organiser is allowed to see any submission of their challenge.
    expect(apiRes.status).toBe(200);
    const body = JSON.parse(sessionBody) as {
      submission: { status: string; gates: { id: string; statistic: number; threshold: number; passed: boolean }[] };
    };
    expect(body.submission.status).toBe("failed");
    expect(body.submission.gates.map((g) => [g.id, g.threshold, g.passed])).toEqual([
      ["ks-agreement", 0.09, false],
      ["cvm-correlation", 0.002, true],
    ]);
    expect(sessionBody).not.toMatch(/simulated|"origin"|"aux"/i);

    // A bundle carries the gates (in the config) and the control rows' Origin and Aux: the copy fails the same file.
    const imported = await importBundle(db, await readBundle(await exportBundle(db, challenge.id)), { slug: `${slug}-copy` });
    const copy = (await getChallengeBySlug(db, imported.slug))!;
    expect(copy.config.gates).toEqual(challenge.config.gates);
    const again = await upload(db, copy, gatedSubmission("originAware"));
    expect(await runScoringJob(db, again.id, { bootstrap: 0 })).toBe("failed");
    expect((await getSubmissionWithPublicScore(db, again.id))!.submission.gates).toEqual(ks.submission.gates);
  });

  it("switches gates through the API: refused without enough control rows, off lets a mass-tracking score be ranked", async () => {
    const { db } = get();
    await organiser();
    const slug = `gated-api-${Date.now()}-${n++}`;
    expect((await post({ kind: "tabular", slug, title: "Gated later", target: "binary", metric: "auc", ...files })).status).toBe(201);
    const challenge = (await getChallengeBySlug(db, slug))!;
    expect(challenge.config.gates).toBeUndefined();
    const put = (body: unknown) =>
      gatesRoute.PUT(
        new Request(`http://localhost/api/v1/challenges/${slug}/gates`, {
          method: "PUT",
          body: JSON.stringify(body),
          headers: { Origin: "http://localhost", "Content-Type": "application/json" },
        }),
        {
          params: Promise.resolve({ slug }),
        },
      );

    const bad = await put({ gates: [{ id: "ks-agreement", threshold: -1 }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      "Nothing was changed: A gate's threshold must be above 0",
    );

    const on = await put({ gates: [{ id: "cvm-correlation", column: "mass" }] });
    expect(on.status).toBe(200);
    expect(await on.json()).toEqual({
      gates: [{ id: "cvm-correlation", threshold: 0.002, column: "mass" }],
      rescoring: 0,
      message: "No submission needs rescoring.",
    });
    const tracking = await upload(db, challenge, gatedSubmission("massTracking"));
    expect(await runScoringJob(db, tracking.id, { bootstrap: 0 })).toBe("failed");

    const off = await put({ gates: [] });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ gates: [], rescoring: 1 });
    expect((await getChallengeBySlug(db, slug))!.config.gates).toBeUndefined();
    const again = await upload(db, challenge, gatedSubmission("massTracking"));
    expect(await runScoringJob(db, again.id, { bootstrap: 0 })).toBe("scored");
    expect((await getSubmissionWithPublicScore(db, again.id))!.submission.gates).toBeNull();

    // A key with 999 real control rows cannot run the agreement check.
    const fewSlug = `gated-few-${Date.now()}-${n++}`;
    let dropped = 0;
    const fewKey = files.solution
      .split("\n")
      .filter((line) => !(line.endsWith(",Control,real,") && dropped++ === 0))
      .join("\n");
    const droppedId = files.solution
      .split("\n")
      .find((line) => line.endsWith(",Control,real,"))!
      .split(",")[0];
    const fewTest = files.test
      .split("\n")
      .filter((line) => line.split(",")[0] !== droppedId)
      .join("\n");
    const few = await post({
      kind: "tabular",
      slug: fewSlug,
      title: "Too few",
      target: "binary",
      metric: "auc",
      ...files,
      test: fewTest,
      solution: fewKey,
      ...GATE_FIELDS,
    });
    expect(few.status).toBe(400);
    expect(((await few.json()) as { error: { message: string } }).error.message).toContain(
      "solution.csv: The KS agreement check needs at least 1000 Control rows of each Origin (real and simulated) in the answer key; it has 999 real and 1000 simulated",
    );
    expect(await getChallengeBySlug(db, fewSlug)).toBeUndefined();
  });

  it("refuses a malformed control row in the organiser's key with its file and line, and creates nothing", async () => {
    const { db } = get();
    await organiser();
    const slug = `gated-bad-${Date.now()}-${n++}`;
    const lines = files.solution.split("\n");
    const k = lines.findIndex((line) => line.endsWith(",Control,simulated,"));
    lines[k] = lines[k]!.replace(",Control,simulated,", ",Control,simulation?,");
    const m = lines.findIndex((line) => /,Control,,\d/.test(line));
    lines[m] = lines[m]!.replace(/,Control,,.*$/, ",Control,,heavy");
    const res = await post({
      kind: "tabular",
      slug,
      title: "Bad key",
      target: "binary",
      metric: "auc",
      ...files,
      solution: lines.join("\n"),
      ...GATE_FIELDS,
    });
    expect(res.status).toBe(400);
    const message = ((await res.json()) as { error: { message: string } }).error.message;
    const [first, second] = [Math.min(k, m), Math.max(k, m)];
    const reason = (line: number) =>
      line === k ? 'Origin "simulation?" is not real or simulated (1 or 0), or empty' : 'Aux "heavy" is not a finite number (or empty)';
    expect(message).toBe(
      `Nothing was created; 2 problems:\n  solution.csv line ${first + 1}: ${reason(first)}\n  solution.csv line ${second + 1}: ${reason(second)}`,
    );
    expect(await getChallengeBySlug(db, slug)).toBeUndefined();
  });
});
