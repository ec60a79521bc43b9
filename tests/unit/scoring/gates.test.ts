import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { findPythonWith, PYTHON_CANDIDATES } from "@/bench/python-numpy";
import { gateById, GATES } from "@/scoring/gates/gate-descriptor";
import { ksAgreement, ksDistance } from "@/scoring/gates/ks-agreement";
import { massSculpting } from "@/scoring/metrics/mass-sculpting";
import { createRng } from "@/scoring/prng";

const scipy = findPythonWith("scipy");
if (!scipy) console.warn(`KS scipy cross-check skipped: no python3 with scipy (tried ${PYTHON_CANDIDATES.join(", ")})`);

describe("KS agreement gate", () => {
  it("worked example: 1/3, failed at 0.09", () => {
    expect(ksDistance([1, 2, 3], [2, 3, 4])).toBeCloseTo(1 / 3, 15);
    expect(ksAgreement([1, 2, 3], [2, 3, 4])).toEqual({ statistic: ksDistance([1, 2, 3], [2, 3, 4]), threshold: 0.09, passed: false });
  });

  it("identical samples agree (0); tied scores move both CDFs at once", () => {
    expect(ksDistance([0.5, 0.5, 0.2], [0.2, 0.5, 0.5])).toBe(0);
    expect(ksAgreement([0.5, 0.5, 0.2], [0.2, 0.5, 0.5]).passed).toBe(true);
    // Both all at one score: the CDFs jump together, never apart.
    expect(ksDistance([1, 1], [1])).toBe(0);
  });

  it("weights: a weight-2 event counts as two", () => {
    expect(ksDistance([1, 2], [1, 1, 2], [2, 1], null)).toBeCloseTo(ksDistance([1, 1, 2], [1, 1, 2]), 15);
    expect(ksDistance([1, 2], [1, 2], [3, 1], [1, 3])).toBeCloseTo(0.5, 15);
  });

  it("refuses empty samples, non-finite scores and bad weights, naming them", () => {
    expect(() => ksDistance([], [1])).toThrow("the first sample is empty");
    expect(() => ksDistance([1], [NaN])).toThrow("score 0 of the second sample is not a finite number");
    expect(() => ksDistance([1], [1], [-1])).toThrow("weight 0 of the first sample is not a finite non-negative number");
    expect(() => ksDistance([1], [1], [0])).toThrow("the first sample's weights sum to 0");
    expect(() => ksDistance([1, 2], [1], [1])).toThrow("the first sample has 2 scores but 1 weights");
  });

  it.skipIf(!scipy)(
    "equals scipy's ks_2samp statistic on samples with ties",
    () => {
      const next = createRng(15);
      const a = Array.from({ length: 3000 }, () => Math.round((next() / 2 ** 32) * 40) / 40);
      const b = Array.from({ length: 2000 }, () => Math.round(((next() / 2 ** 32) * 0.9 + 0.05) * 40) / 40);
      const run = spawnSync(
        scipy!,
        ["-c", "import json,sys; from scipy.stats import ks_2samp; a,b=json.load(sys.stdin); print(repr(float(ks_2samp(a,b).statistic)))"],
        {
          input: JSON.stringify([a, b]),
          encoding: "utf8",
        },
      );
      expect(run.stderr).toBe("");
      expect(Math.abs(ksDistance(a, b) - Number(run.stdout))).toBeLessThan(1e-12);
    },
    30_000,
  );
});

describe("gates as descriptors", () => {
  it("lists KS agreement and CvM correlation with their published thresholds", () => {
    expect(GATES.map((g) => [g.id, g.defaultThreshold])).toEqual([
      ["ks-agreement", 0.09],
      ["cvm-correlation", 0.002],
    ]);
  });

  it("ks-agreement splits control events by origin (1 real, 0 simulation)", () => {
    const { gate, threshold } = gateById("ks-agreement");
    const result = gate.evaluate({ scores: [1, 2, 2, 3, 3, 4], column: [0, 1, 0, 1, 0, 1] }, threshold);
    expect(result).toEqual(ksAgreement([1, 2, 3], [2, 3, 4]));
    expect(() => gate.evaluate({ scores: [1], column: [2] }, threshold)).toThrow(
      "control event 0 is marked 2: 1 = real data, 0 = simulation",
    );
  });

  it("cvm-correlation is the mass-sculpting statistic against any chosen column, with the organiser's threshold", () => {
    const next = createRng(4);
    const column = Array.from({ length: 2000 }, () => next() / 2 ** 32);
    const scores = column.map((m) => m + (next() / 2 ** 32) * 0.01);
    const { gate, threshold } = gateById("cvm-correlation", 0.5);
    const result = gate.evaluate({ scores, column }, threshold);
    // Bins of at least 500 events (gateBins): 2,000 control events fill 4.
    expect(result.statistic).toBe(massSculpting(scores, column, { bins: 4 }).statistic);
    expect(() => gate.evaluate({ scores: scores.slice(0, 999), column: column.slice(0, 999) }, threshold)).toThrow(
      "the control sample has 999 events; the gate needs at least 1000",
    );
    expect(result).toMatchObject({ threshold: 0.5, passed: true });
    expect(gate.evaluate({ scores, column }, 0.002).passed).toBe(false);
  });

  it("refuses an unknown gate and a threshold that is not a positive number", () => {
    expect(() => gateById("ad-hoc")).toThrow('unknown gate "ad-hoc" (gates: ks-agreement, cvm-correlation)');
    expect(() => gateById("ks-agreement", 0)).toThrow("the threshold of gate ks-agreement must be a positive number, got 0");
  });
});
