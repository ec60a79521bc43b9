import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { and, eq } from "drizzle-orm";
import * as ort from "onnxruntime-node";
import type PgBoss from "pg-boss";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import * as challengeDetail from "@/app/api/v1/challenges/[slug]/route";
import * as files from "@/app/api/v1/challenges/[slug]/files/[file]/route";
import * as board from "@/app/api/v1/challenges/[slug]/leaderboard/route";
import * as subs from "@/app/api/v1/challenges/[slug]/submissions/route";
import { kaggleSubmission } from "@/challenges/shared/baseline/submission";
import type { SubmissionMode } from "@/challenges/shared/model-contract";
import { createApiToken } from "@/db/queries/api-tokens";
import { getDatasetFile } from "@/db/queries/datasets";
import { createSubmission, modelEfficiency } from "@/db/queries/submissions";
import { createUser } from "@/db/queries/users";
import { challenges, phases, privateScores, publicScores, submissions, type Challenge } from "@/db/schema";
import { invalidateChallenge } from "@/lib/challenge-access";
import { clearLeaderboardCaches } from "@/lib/leaderboard";
import { runScoringJob } from "@/lib/jobs/score-submission";
import { setBoss } from "@/lib/jobs/shared-queue";
import { runnableModel } from "@/lib/onnx/strip-zipmap";
import { buildOnnxModels, onnxSkipReason, type OnnxModels } from "../fixtures/onnx/models";
import { describeEachDatabase } from "./databases";
import { makeUserWithTeam } from "./fixtures";
import { makeHiggsChallenge, SCORING, statusOf } from "./queue-fixtures";

vi.mock("@/auth", () => ({ auth: async () => null }));

const DB_KEY = Symbol.for("collider-arena.db");
const enqueued: number[] = [];
let m: OnnxModels;
beforeAll(() => {
  setBoss({ send: async (_q: string, data: { submissionId: number }) => (enqueued.push(data.submissionId), "job") } as unknown as PgBoss);
  if (!onnxSkipReason) m = buildOnnxModels({ trees: 20, depth: 4 });
});

const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });
const req = (p: string, token: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}) =>
  new Request(`http://localhost/api/v1${p}`, {
    method: init.method ?? "GET",
    body: init.body,
    headers: { Authorization: `Bearer ${token}`, ...init.headers },
  });

/** What a competitor does with test.csv on their own machine: parse it, run the model, write the CSV. */
async function predictionsCsvByHand(testCsv: string, model: Uint8Array, outputName: string, column: number | null): Promise<string> {
  const lines = testCsv.trimEnd().split("\n").slice(1);
  const ids = lines.map((l) => Number(l.split(",")[0]));
  const x = Float32Array.from(lines.flatMap((l) => l.split(",").slice(1).map(Number)));
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1 });
  const out = (await session.run({ X: new ort.Tensor("float32", x, [ids.length, 30]) }))[outputName]!;
  const data = out.data as Float32Array;
  const scores = column === null ? Array.from(data) : ids.map((_, i) => data[i * 2 + column]!);
  return kaggleSubmission(ids, scores, 0.5);
}

describeEachDatabase("ONNX model submissions", (get) => {
  let challenge: Challenge;
  let token: string;

  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
  });

  beforeAll(async () => {
    if (onnxSkipReason) return;
    const { db } = get();
    ({ challenge } = await makeHiggsChallenge(db));
    const user = await createUser(db, { email: `model-${Date.now()}-${Math.random()}@example.org`, name: "modeller" });
    ({ token } = await createApiToken(db, user.id, "script"));
  });

  async function setMode(mode: SubmissionMode) {
    await get().db.update(phases).set({ submissionMode: mode }).where(eq(phases.challengeId, challenge.id));
    invalidateChallenge(challenge.slug);
  }

  const post = (body: BodyInit, filename: string) =>
    subs.POST(
      req(`/challenges/${challenge.slug}/submissions`, token, { method: "POST", body, headers: { "X-Filename": filename } }),
      ctx({ slug: challenge.slug }),
    );
  const errorOf = async (res: Response) => ({
    status: res.status,
    ...((await res.json()) as { error: { code: string; message: string } }).error,
  });

  /** A stored model submission, as the upload route leaves it. */
  async function storeModel(name: string) {
    const { db } = get();
    const { user, team } = await makeUserWithTeam(db, challenge.id);
    const bytes = m.bytes(name);
    return createSubmission(db, {
      challengeId: challenge.id,
      teamId: team.id,
      userId: user.id,
      dailyLimit: 100,
      filename: `${name}.onnx`,
      description: "",
      format: "model",
      gzipContent: gzipSync(bytes),
      sizeBytes: bytes.byteLength,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
  }

  it.skipIf(onnxSkipReason !== null)(
    "takes .onnx uploads only in phases that take models, and refuses a bad model at once with nothing stored",
    async () => {
      const { db } = get();
      await setMode("predictions");
      expect(await errorOf(await post(m.bytes("linear"), "model.onnx"))).toEqual({
        status: 400,
        code: "models_not_accepted",
        message: "This phase takes predictions files, not ONNX models: upload a .csv or .csv.gz.",
      });
      await setMode("both");
      const before = (await db.select().from(submissions).where(eq(submissions.challengeId, challenge.id))).length;
      const queued = enqueued.length;
      for (const [name, message] of [
        ["custom-op", /custom operators cannot run here/],
        ["external-data", /refers to external data files/],
        ["wrong-feature-count", /must have shape \[N, 30\]/],
      ] as const) {
        const e = await errorOf(await post(m.bytes(name), `${name}.onnx`));
        expect(e).toMatchObject({ status: 400, code: "bad_model" });
        expect(e.message).toMatch(message);
      }
      expect(await errorOf(await post(Buffer.from("EventId,RankOrder,Class\n"), "predictions.onnx"))).toMatchObject({
        status: 400,
        code: "bad_model",
      });
      expect((await db.select().from(submissions).where(eq(submissions.challengeId, challenge.id))).length).toBe(before);
      expect(enqueued.length).toBe(queued);

      const ok = await post(m.bytes("trees-zipmap"), "trees.onnx");
      expect(ok.status).toBe(201);
      const { submission } = (await ok.json()) as { submission: { id: number } };
      expect(enqueued).toContain(submission.id);
      const [row] = await db.select().from(submissions).where(eq(submissions.id, submission.id));
      expect(row).toMatchObject({ format: "model", filename: "trees.onnx", sizeBytes: m.bytes("trees-zipmap").byteLength });
    },
  );

  it.skipIf(onnxSkipReason !== null)("hides test.csv in a models phase, and takes no predictions there", async () => {
    await setMode("models");
    const res = await challengeDetail.GET(req(`/challenges/${challenge.slug}`, token), ctx({ slug: challenge.slug }));
    const detail = (
      (await res.json()) as {
        challenge: { files: { name: string }[]; phases: { submissionMode: string }[]; model: { features: string[]; maxMb: number } };
      }
    ).challenge;
    expect(detail.files.map((f) => f.name).sort()).toEqual(["sample_submission.csv", "training.csv", "validation_sample.csv"]);
    expect(detail.phases.map((p) => p.submissionMode)).toEqual(["models"]);
    // In test.csv's place, the public validation sample: test.csv's format, training events' values as written.
    const sample = await files.GET(req("/x", token), ctx({ slug: challenge.slug, file: "validation_sample.csv" }));
    expect(sample.status).toBe(200);
    const sampleCsv = gunzipSync(Buffer.from(await sample.arrayBuffer())).toString("utf8");
    const testHeader = gunzipSync((await getDatasetFile(get().db, challenge.id, "test.csv"))!.gzipContent)
      .toString("utf8")
      .split("\n")[0];
    const training = gunzipSync((await getDatasetFile(get().db, challenge.id, "training.csv"))!.gzipContent)
      .toString("utf8")
      .trimEnd()
      .split("\n");
    const sampleLines = sampleCsv.trimEnd().split("\n");
    expect(sampleLines[0]).toBe(testHeader);
    expect(sampleLines).toHaveLength(training.length); // the 50 training events (up to 1,000 are taken) and the header
    expect(sampleLines[1]).toBe(training[1]!.split(",").slice(0, 31).join(","));
    expect(sample.headers.get("X-Content-SHA256")).toBe(createHash("sha256").update(sampleCsv).digest("hex"));
    expect(detail.model.features).toHaveLength(30);
    expect(detail.model).toMatchObject({ maxMb: 50 });
    expect(await errorOf(await files.GET(req("/x", token), ctx({ slug: challenge.slug, file: "test.csv" })))).toMatchObject({
      status: 403,
      code: "hidden",
    });
    expect(await errorOf(await post("EventId,RankOrder,Class\n", "p.csv"))).toMatchObject({
      status: 400,
      code: "predictions_not_accepted",
    });
    await setMode("both");
    expect((await files.GET(req("/x", token), ctx({ slug: challenge.slug, file: "test.csv" }))).status).toBe(200);
    expect((await files.GET(req("/x", token), ctx({ slug: challenge.slug, file: "validation_sample.csv" }))).status).toBe(404);
  });

  it.skipIf(onnxSkipReason !== null)(
    "runs a model on the hidden features: the same scores and ± as its predictions uploaded as CSV, with its efficiency recorded",
    async () => {
      const { db } = get();
      const figures: { bytes: number; msPer1000Events: number; operators: number }[] = [];
      for (const [name, output, column] of [
        ["linear", "p", null],
        ["trees-zipmap", "probability_tensor", 1],
      ] as const) {
        const model = await storeModel(name);
        expect(await runScoringJob(db, model.id, SCORING)).toBe("scored");
        const testCsv = gunzipSync((await getDatasetFile(db, challenge.id, "test.csv"))!.gzipContent).toString();
        const { user, team } = await makeUserWithTeam(db, challenge.id);
        // onnxruntime-node cannot return a ZipMap; the competitor's script reads the tensor feeding it, as the worker does.
        const runnable = runnableModel(m.bytes(name), {
          name: output,
          column,
          ...(name === "trees-zipmap" ? { zipMapOutput: "probabilities" } : {}),
        });
        const text = Buffer.from(await predictionsCsvByHand(testCsv, runnable, output, column));
        const csv = await createSubmission(db, {
          challengeId: challenge.id,
          teamId: team.id,
          userId: user.id,
          dailyLimit: 100,
          filename: "p.csv",
          description: "",
          gzipContent: gzipSync(text),
          sizeBytes: text.byteLength,
          sha256: createHash("sha256").update(text).digest("hex"),
        });
        expect(await runScoringJob(db, csv.id, SCORING)).toBe("scored");
        for (const table of [publicScores, privateScores]) {
          const [a] = await db.select().from(table).where(eq(table.submissionId, model.id));
          const [b] = await db.select().from(table).where(eq(table.submissionId, csv.id));
          expect(a!.score).toBe(b!.score);
          expect(a!.std).toBe(b!.std);
        }
        const [row] = await db.select().from(submissions).where(eq(submissions.id, model.id));
        expect(row!.modelStats).toMatchObject({ operatorCount: name === "linear" ? 3 : 2, events: 300 });
        expect(row!.modelStats!.msPer1000).toBeGreaterThan(0);
        // The leaderboard's efficiency columns: the model has them, the CSV entry none.
        const efficiency = await modelEfficiency(db, [model.id, csv.id]);
        expect([...efficiency.keys()]).toEqual([model.id]);
        expect(efficiency.get(model.id)).toEqual({ sizeBytes: m.bytes(name).byteLength, stats: row!.modelStats });
        figures.push({
          bytes: m.bytes(name).byteLength,
          msPer1000Events: row!.modelStats!.msPer1000,
          operators: row!.modelStats!.operatorCount,
        });
      }
      // The API leaderboard and its CSV carry the same figures; a predictions entry has none.
      clearLeaderboardCaches();
      const slug = challenge.slug;
      const api = (await (await board.GET(req(`/challenges/${slug}/leaderboard?pageSize=500`, token), ctx({ slug }))).json()) as {
        rows: { model: unknown }[];
      };
      for (const f of figures) expect(api.rows.map((r) => r.model)).toContainEqual(f);
      expect(api.rows.map((r) => r.model)).toContain(null);
      const csv = (await (await board.GET(req(`/challenges/${slug}/leaderboard?format=csv`, token), ctx({ slug }))).text())
        .trimEnd()
        .split("\n");
      for (const f of figures) expect(csv.some((l) => l.endsWith(`,${f.bytes},${f.msPer1000Events},${f.operators}`))).toBe(true);
      expect(csv.some((l, i) => i > 0 && l.endsWith(",,,"))).toBe(true);
    },
  );

  it.skipIf(onnxSkipReason !== null)(
    "fails a model that runs out of memory or is over the latency budget with the reason, and the worker goes on",
    async () => {
      const { db } = get();
      const oom = await storeModel("huge-allocation");
      expect(await runScoringJob(db, oom.id, SCORING)).toBe("failed");
      expect((await statusOf(db, oom.id)).error).toMatch(/^The model ran out of memory \(limit 3072 MB\): .*Failed to allocate memory/);

      await db.update(challenges).set({ latencyBudgetMs: 1e-6 }).where(eq(challenges.id, challenge.id));
      const slow = await storeModel("linear");
      expect(await runScoringJob(db, slow.id, SCORING)).toBe("failed");
      expect((await statusOf(db, slow.id)).error).toMatch(
        /^The model takes \d+\.\d\d ms per 1,000 events, over this challenge's latency budget of 0\.000001 ms\.$/,
      );
      const [row] = await db
        .select()
        .from(submissions)
        .where(and(eq(submissions.id, slow.id)));
      expect(row!.modelStats!.msPer1000).toBeGreaterThan(1e-6); // recorded even though it failed
      await db.update(challenges).set({ latencyBudgetMs: null }).where(eq(challenges.id, challenge.id));

      const fine = await storeModel("vector-output");
      expect(await runScoringJob(db, fine.id, SCORING)).toBe("scored");
    },
  );
});
