import { describe, expect, it } from "vitest";
import { higgsSubmission, predictHiggs, trainHiggsBaseline } from "@/challenges/higgs-tautau/baseline/train";
import { simulateHiggs } from "@/challenges/higgs-tautau/simulator/simulate";
import { trainTestSplit } from "@/challenges/higgs-tautau/split";
import type { ProgressEvent } from "@/challenges/shared/baseline/types";
import { loadXgboost } from "@/lib/ml/xgboost";
import { xgboostFamily } from "@/lib/ml/xgboost-family";
import { weightedRocAuc } from "@/scoring/metrics/roc-auc";

const loaded = loadXgboost();
if (!loaded.xgb) console.warn(`XGBoost tests skipped: ${loaded.reason}`);
const xgb = loaded.xgb!;

describe.skipIf(!loaded.xgb)("XGBoost binding", () => {
  it("reports the library version", () => {
    expect(xgb.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("trains round by round and predicts over a range of rounds (NaN is missing)", () => {
    // y = 1 when x0 > 0.5; x1 is noise with some values missing.
    const n = 200;
    const X = new Float32Array(n * 2);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      X[2 * i] = i / n;
      X[2 * i + 1] = i % 5 === 0 ? NaN : (i * 7) % 11;
      y[i] = i / n > 0.5 ? 1 : 0;
    }
    const m = xgb.matrix(X, n, 2, { label: y });
    const b = xgb.booster([m], { objective: "binary:logistic", max_depth: 2, eta: 0.5, nthread: 1, seed: 1 });
    try {
      for (let round = 0; round < 5; round++) b.update(round, m);
      const all = b.predict(m);
      const one = b.predict(m, 1);
      expect(all).toHaveLength(n);
      expect(all[0]).toBeLessThan(one[0]!);
      expect(all[n - 1]).toBeGreaterThan(one[n - 1]!);
      // One round of eta 0.5 from base score 0.5: the leaf is −0.5·G/(H + λ) on the margin, below 0.5 on the left.
      expect(one[0]).toBeLessThan(0.5);
    } finally {
      b.free();
      m.free();
    }
  });

  it("throws the library's own message", () => {
    const m = xgb.matrix(new Float32Array(4), 2, 2, { label: new Float32Array(2) });
    const b = xgb.booster([m], { objective: "no-such-objective" });
    try {
      expect(() => b.update(0, m)).toThrow(/XGBoost XGBoosterUpdateOneIter failed: .*Unknown objective function: `no-such-objective`/s);
    } finally {
      b.free();
      m.free();
    }
    expect(() => xgb.matrix(new Float32Array(3), 2, 2)).toThrow("matrix data has 3 values, expected 2 × 2");
  });
});

describe.skipIf(!loaded.xgb)("XGBoost family", () => {
  const { train, test } = trainTestSplit(simulateHiggs({ seed: 12, nEvents: 900 }), { seed: 12, testFraction: 0.3 });

  it("is reproducible, reports each round, and separates the classes", async () => {
    const events: ProgressEvent[] = [];
    const a = await trainHiggsBaseline(xgboostFamily(xgb), train, { seed: 3, epochs: 8 }, (e) => events.push(e));
    const b = await trainHiggsBaseline(xgboostFamily(xgb), train, { seed: 3, epochs: 8 }, () => {});
    try {
      expect(higgsSubmission(b, test)).toBe(higgsSubmission(a, test));
      expect(events.map((e) => e.epoch)).toEqual(events.map((_, i) => i + 1));
      expect(events.at(-1)!.etaSeconds).toBe(0);
      expect(a.card.bestEpochs[0]).toBe(a.card.architecture.trees);
      expect(a.card.features).toHaveLength(29);
      expect(weightedRocAuc(Float64Array.from(predictHiggs(a, test)), test.label, null)).toBeGreaterThan(0.8);
    } finally {
      a.model.dispose();
      b.model.dispose();
    }
    // Seconds alone; the default 5 s ran out with the machine's two cores shared.
  }, 60_000);
});
