/**
 * Worked examples: a baseline posted as an ONNX model is listed and downloadable by anyone who can see the
 * challenge; a competitor's model never is, whatever id is asked for.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { beforeEach, expect, it, vi } from "vitest";
import * as example from "@/app/(site)/challenges/[slug]/examples/[id]/route";
import { createSubmission } from "@/db/queries/submissions";
import { workedExamples } from "@/db/queries/worked-examples";
import { registerBenchmark } from "@/lib/ml/benchmark-entry";
import { linearModel } from "../fixtures/onnx/linear-model";
import { describeEachDatabase } from "./databases";
import { makeUserWithTeam } from "./fixtures";
import { makeHiggsChallenge } from "./queue-fixtures";

vi.mock("@/auth", () => ({ auth: async () => null }));

const DB_KEY = Symbol.for("collider-arena.db");
const ctx = (slug: string, id: string) => ({ params: Promise.resolve({ slug, id }) });
const get = (slug: string, id: string) => example.GET(new Request(`http://localhost/challenges/${slug}/examples/${id}`), ctx(slug, id));

describeEachDatabase("worked examples", (db) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(db());
  });

  it(
    "lists and serves a benchmark model, scored through the model path, and never a competitor's model",
    { timeout: 120_000 },
    async () => {
      const { db: d } = db();
      const { challenge } = await makeHiggsChallenge(d);
      const model = linearModel();
      const posted = await registerBenchmark(d, {
        challengeId: challenge.id,
        name: "Linear example",
        filename: "baseline-linear.onnx",
        csv: "",
        model,
        modelCard: {},
        bootstrap: 0,
      });
      expect(posted).toMatchObject({ status: "scored", error: null });

      const [listed] = await workedExamples(d, challenge.id);
      expect(listed).toMatchObject({
        submissionId: posted.submissionId,
        name: "Linear example",
        filename: "baseline-linear.onnx",
        sizeBytes: model.byteLength,
        score: posted.publicScore,
      });
      expect(listed!.msPer1000).toBeGreaterThan(0);

      const res = await get(challenge.slug, String(posted.submissionId));
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="${challenge.slug}-baseline-linear.onnx"`);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(model);

      const { user, team } = await makeUserWithTeam(d, challenge.id);
      const theirs = await createSubmission(d, {
        challengeId: challenge.id,
        teamId: team.id,
        userId: user.id,
        dailyLimit: 100,
        filename: "mine.onnx",
        description: "",
        format: "model",
        gzipContent: gzipSync(model),
        sizeBytes: model.byteLength,
        sha256: createHash("sha256").update(model).digest("hex"),
      });
      for (const id of [String(theirs.id), "999999", "abc", "-1"]) {
        const refused = await get(challenge.slug, id);
        expect(refused.status).toBe(404);
        expect(await refused.json()).toMatchObject({ error: { code: "not_found" } });
      }
      expect((await workedExamples(d, challenge.id)).map((e) => e.submissionId)).toEqual([posted.submissionId]);
    },
  );
});
