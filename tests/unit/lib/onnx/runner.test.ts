import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HIGGS_FEATURES } from "@/challenges/higgs-tautau/schema";
import type { FeatureMatrix } from "@/challenges/shared/feature-matrix";
import { ModelRunError, runModel } from "@/lib/onnx/runner";
import { validateModel } from "@/lib/onnx/validate";
import { buildOnnxModels, onnxSkipReason, type OnnxModels } from "../../../fixtures/onnx/models";

const F = HIGGS_FEATURES.length;

function features(rows: number): Pick<FeatureMatrix, "data" | "rows" | "cols"> {
  const data = new Float32Array(rows * F);
  for (let i = 0; i < data.length; i++) data[i] = Math.fround(((i * 7919) % 2001) / 10 - 100);
  return { data, rows, cols: F };
}

async function failure(name: string, m: OnnxModels, limits = { timeoutMs: 60_000, memoryMb: 3072 }): Promise<string> {
  const bytes = m.bytes(name);
  const err = await runModel(bytes, validateModel(bytes, HIGGS_FEATURES), features(100), limits).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelRunError);
  return (err as Error).message;
}

// Each test starts node and onnxruntime in a child process: seconds on a loaded machine, so generous limits.
describe.skipIf(onnxSkipReason !== null)("runModel (a child process per model)", { timeout: 60_000 }, () => {
  let m: OnnxModels;
  beforeAll(() => {
    m = buildOnnxModels({ trees: 20, depth: 4 });
  }, 60_000);

  it("gives one score per event, equal to the model computed here, across batches, and times it", async () => {
    const { w, b } = JSON.parse(readFileSync(join(m.dir, "linear.json"), "utf8")) as { w: number[]; b: number };
    const rows = 70_000; // more than one 65,536-row batch
    const x = features(rows);
    const bytes = m.bytes("linear");
    const run = await runModel(bytes, validateModel(bytes, HIGGS_FEATURES), x);
    expect(run.scores.length).toBe(rows);
    for (const i of [0, 1, 65_535, 65_536, rows - 1]) {
      let z = b;
      for (let j = 0; j < F; j++) z += x.data[i * F + j]! * w[j]!;
      expect(run.scores[i]).toBeCloseTo(1 / (1 + Math.exp(-z)), 5);
    }
    expect(run.msPer1000).toBeGreaterThan(0);
    expect(run.fullMs).toBeGreaterThan(0);
  });

  it("reads column 2 of class probabilities, through a stripped ZipMap too", async () => {
    for (const name of ["trees", "trees-zipmap"]) {
      const bytes = m.bytes(name);
      const run = await runModel(bytes, validateModel(bytes, HIGGS_FEATURES), features(500));
      expect(run.scores.every((p) => p >= 0 && p <= 1)).toBe(true);
      expect(new Set(run.scores).size).toBeGreaterThan(2);
    }
  });

  it("fails a model that allocates 40 GB with the memory limit, and the caller carries on", async () => {
    expect(await failure("huge-allocation", m)).toMatch(
      /^The model ran out of memory \(limit 3072 MB\): .*Failed to allocate memory for requested buffer of size 40000000000/,
    );
    const bytes = m.bytes("vector-output");
    expect((await runModel(bytes, validateModel(bytes, HIGGS_FEATURES), features(10))).scores.length).toBe(10);
  });

  it("kills a model that runs past the time limit", async () => {
    const t0 = performance.now();
    expect(await failure("endless-loop", m, { timeoutMs: 2000, memoryMb: 3072 })).toBe(
      "The model did not finish within the time limit of 2 s (100 events).",
    );
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it("reports a child that dies before answering (here: an address space too small to start node)", async () => {
    expect(await failure("linear", m, { timeoutMs: 30_000, memoryMb: 64 })).toMatch(
      /^The model (run crashed \((exit code|signal) |ran out of memory \(limit 64 MB\))/,
    );
  });
});
