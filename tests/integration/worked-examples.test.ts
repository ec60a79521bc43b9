/**
 * Worked examples: a baseline posted as an ONNX model is listed and downloadable by anyone who can see the
 * challenge; a competitor's model never is, whatever id is asked for.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { beforeEach, expect, it, vi } from "vitest";
import * as example from "@/app/(site)/challenges/[slug]/examples/[id]/route";
import { HIGGS_FEATURES } from "@/challenges/higgs-tautau/schema";
import { createSubmission } from "@/db/queries/submissions";
import { workedExamples } from "@/db/queries/worked-examples";
import { registerBenchmark } from "@/lib/ml/benchmark-entry";
import { ELEM_FLOAT, GraphBuilder } from "@/lib/onnx/write-model";
import { describeEachDatabase } from "./databases";
import { makeUserWithTeam } from "./fixtures";
import { makeHiggsChallenge } from "./queue-fixtures";

vi.mock("@/auth", () => ({ auth: async () => null }));

const DB_KEY = Symbol.for("collider-arena.db");
const ctx = (slug: string, id: string) => ({ params: Promise.resolve({ slug, id }) });
const get = (slug: string, id: string) => example.GET(new Request(`http://localhost/challenges/${slug}/examples/${id}`), ctx(slug, id));

/** sigmoid(x · w) with w = 0.01 for every feature: a valid model built here, no python needed. */
function linearModel(): Uint8Array {
  const b = new GraphBuilder();
  const x = b.input("X", ELEM_FLOAT, ["N", HIGGS_FEATURES.length]);
  const z = b.node("MatMul", [x, b.constant(new Float32Array(HIGGS_FEATURES.length).fill(0.01), [HIGGS_FEATURES.length, 1])]);
  b.nodeTo(["p"], "Sigmoid", [z]);
  b.output("p", ELEM_FLOAT, ["N", 1]);
  return b.model({ opsets: { "": 17 } });
}

describeEachDatabase("worked examples", (db) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(db());
  });

  it("lists and serves a benchmark model, scored through the model path, and never a competitor's model", { timeout: 120_000 }, async () => {
    const { db: d } = db();
    const { challenge } = await makeHiggsChallenge(d);
    const model = linearModel();
    const posted = await registerBenchmark(d, { challengeId: challenge.id, name: "Linear example", filename: "baseline-linear.onnx", csv: "", model, modelCard: {}, bootstrap: 0 });
    expect(posted).toMatchObject({ status: "scored", error: null });

    const [listed] = await workedExamples(d, challenge.id);
    expect(listed).toMatchObject({ submissionId: posted.submissionId, name: "Linear example", filename: "baseline-linear.onnx", sizeBytes: model.byteLength, score: posted.publicScore });
    expect(listed!.msPer1000).toBeGreaterThan(0);

    const res = await get(challenge.slug, String(posted.submissionId));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="${challenge.slug}-baseline-linear.onnx"`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(model);

    const { user, team } = await makeUserWithTeam(d, challenge.id);
    const theirs = await createSubmission(d, {
      challengeId: challenge.id, teamId: team.id, userId: user.id, dailyLimit: 100, filename: "mine.onnx", description: "", format: "model",
      gzipContent: gzipSync(model), sizeBytes: model.byteLength, sha256: createHash("sha256").update(model).digest("hex"),
    });
    for (const id of [String(theirs.id), "999999", "abc", "-1"]) {
      const refused = await get(challenge.slug, id);
      expect(refused.status).toBe(404);
      expect(await refused.json()).toMatchObject({ error: { code: "not_found" } });
    }
    expect((await workedExamples(d, challenge.id)).map((e) => e.submissionId)).toEqual([posted.submissionId]);
  });
});
