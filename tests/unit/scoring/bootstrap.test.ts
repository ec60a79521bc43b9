import { describe, expect, it } from "vitest";
import { bootstrapStd, poissonMultiplicities } from "@/scoring/metrics/bootstrap";
import { rankByScore, rocSteps, signedWeights } from "@/scoring/metrics/ranking";
import { aucFromSteps } from "@/scoring/metrics/roc-auc";
import {
  rankedEvents,
  resampledAuc,
  resampledEfficiency,
  resampledMaxSic,
  resampledRejection,
  type RankedEvents,
} from "@/scoring/metrics/resampled";
import { maxSicFromSteps } from "@/scoring/metrics/sic";
import { efficiencyAtBackgroundFromSteps } from "@/scoring/metrics/signal-efficiency";
import { createRng, seedKey, Xoshiro128 } from "@/scoring/prng";

describe("createRng (xoshiro128** seeded by splitmix32)", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
  });

  it("matches the reference xoshiro128** outputs for state {1, 2, 3, 4}, and pins the splitmix32 seeding", () => {
    const r = new Xoshiro128(0);
    r.setState(1, 2, 3, 4);
    expect(Array.from({ length: 6 }, () => r.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
    const seeded = new Xoshiro128(seedKey(42));
    expect(Array.from({ length: 5 }, () => seeded.nextUint32())).toEqual([3677897481, 93969352, 3734995561, 1649850020, 865181806]);
    const big = new Xoshiro128(seedKey(2 ** 40 + 5));
    expect([big.nextUint32(), big.nextUint32()]).toEqual([125921919, 3995279562]);
  });

  it("rejects seeds outside [0, 2^53)", () => {
    for (const seed of [-1, 1.5, 2 ** 53, NaN]) expect(() => createRng(seed)).toThrow(RangeError);
  });
});

describe("poissonMultiplicities", () => {
  it("draws Poisson(1): frequencies of 0..4 match e^-1/k!, mean and variance 1", () => {
    const m = new Uint8Array(400_000);
    poissonMultiplicities(new Xoshiro128(seedKey(7)), m);
    const counts = new Array(16).fill(0);
    let sum = 0;
    let sum2 = 0;
    for (const x of m) {
      counts[x]++;
      sum += x;
      sum2 += x * x;
    }
    let factorial = 1;
    for (let k = 0; k <= 4; k++) {
      if (k > 0) factorial *= k;
      const p = Math.exp(-1) / factorial;
      // 5 binomial standard deviations.
      expect(Math.abs(counts[k] / m.length - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / m.length));
    }
    const mean = sum / m.length;
    expect(Math.abs(mean - 1)).toBeLessThan(0.01);
    expect(Math.abs(sum2 / m.length - mean * mean - 1)).toBeLessThan(0.02);
  });
});

/** The textbook multinomial bootstrap (draw n of n with replacement), as the reference for the Poisson one. */
function multinomialStd(n: number, metric: (m: Uint8Array) => number, resamples: number, seed: number): number {
  const next = createRng(seed);
  const m = new Uint8Array(n);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    m.fill(0);
    for (let k = 0; k < n; k++) m[Math.floor((next() * n) / 2 ** 32)]!++;
    values.push(metric(m));
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
}

describe("bootstrapStd (Poisson bootstrap)", () => {
  const values = Float64Array.from({ length: 100 }, (_, i) => i % 2);
  const weightedMean = (column: Float64Array) => (m: Uint8Array) => {
    let s = 0;
    let n = 0;
    for (let i = 0; i < m.length; i++) {
      s += m[i]! * column[i]!;
      n += m[i]!;
    }
    return s / n;
  };

  it("is 0 for a metric that does not depend on the resample", () => {
    expect(bootstrapStd(100, weightedMean(new Float64Array(100).fill(3)), { resamples: 20 })).toBe(0);
  });

  it("estimates the standard error of a mean (≈ √(0.25/100) = 0.05) and is reproducible", () => {
    const mean = weightedMean(values);
    const std = bootstrapStd(100, mean, { resamples: 400, seed: 3 });
    expect(std).toBeGreaterThan(0.04);
    expect(std).toBeLessThan(0.06);
    expect(bootstrapStd(100, mean, { resamples: 400, seed: 3 })).toBe(std);
    expect(bootstrapStd(100, mean, { resamples: 400, seed: 4 })).not.toBe(std);
  });

  it("agrees with the multinomial bootstrap on the AUC of 2,000 events within 15%", () => {
    const next = createRng(11);
    const n = 2000;
    const labels = Uint8Array.from({ length: n }, () => (next() < 2 ** 31 ? 1 : 0));
    const weights = Float64Array.from({ length: n }, () => 0.5 + next() / 2 ** 32);
    const scores = Float64Array.from(labels, (l) => l + (2 * next()) / 2 ** 32);
    const events = rankedEvents(rankByScore(scores, signedWeights(labels, weights)));
    // The multinomial reference needs multiplicities per row; resampledAuc takes them in ranking order.
    const order = [...scores.keys()].sort((x, y) => scores[y]! - scores[x]! || x - y);
    const byRank = new Uint8Array(n);
    const auc = (m: Uint8Array) => {
      for (let k = 0; k < n; k++) byRank[k] = m[order[k]!]!;
      return resampledAuc(events, byRank);
    };
    const poisson = bootstrapStd(n, (m) => resampledAuc(events, m), { resamples: 400, seed: 5 });
    const multinomial = multinomialStd(n, auc, 400, 6);
    expect(poisson).toBeGreaterThan(0);
    expect(Math.abs(poisson / multinomial - 1)).toBeLessThan(0.15);
  });
});

describe("resampled metrics", () => {
  it("equal the primary metrics when every multiplicity is 1 (ties included)", () => {
    const next = createRng(12);
    const n = 3000;
    const labels = Uint8Array.from({ length: n }, () => (next() < 2 ** 30 ? 1 : 0));
    const weights = Float64Array.from({ length: n }, () => 0.1 + next() / 2 ** 32);
    // Scores on a coarse grid, so that tie groups mix signal and background.
    const scores = Float64Array.from(labels, (l) => Math.round((l + (3 * next()) / 2 ** 32) * 20) / 20);
    const ranking = rankByScore(scores, signedWeights(labels, weights));
    const steps = rocSteps(ranking);
    const events = rankedEvents(ranking);
    const ones = new Uint8Array(n).fill(1);
    expect(resampledAuc(events, ones)).toBeCloseTo(aucFromSteps(steps), 12);
    expect(resampledMaxSic(events, ones, 25)).toBeCloseTo(maxSicFromSteps(steps, 25).sic, 10);
    for (const target of [1e-2, 1e-1]) {
      expect(resampledEfficiency(events, ones, target)).toBeCloseTo(efficiencyAtBackgroundFromSteps(steps, target), 12);
    }
  });
});

/** The walks of ε_S at ε_B and 1/ε_B at ε_S as two plain passes (totals, then down to the cut), for reference. */
function twoPassWalk(
  events: RankedEvents,
  m: Uint8Array,
  stop: (s: number, b: number, totalS: number, totalB: number) => boolean,
): [s: number, b: number, before: number, totals: [number, number]] {
  let totalS = 0;
  let totalB = 0;
  for (let k = 0; k < m.length; k++) {
    totalS += m[k]! * events.signal[k]!;
    totalB += m[k]! * events.background[k]!;
  }
  let s = 0;
  let b = 0;
  let before = 0;
  for (let k = 0; k < m.length; k++) {
    s += m[k]! * events.signal[k]!;
    b += m[k]! * events.background[k]!;
    if (!events.groupEnd[k]) continue;
    if (stop(s, b, totalS, totalB)) return [s, b, before, [totalS, totalB]];
    before = s;
  }
  return [NaN, NaN, before, [totalS, totalB]];
}

describe("resampled cuts from checkpoints", () => {
  it("equal a two-pass walk bit for bit, across blocks and tie groups that straddle them", () => {
    const next = createRng(21);
    const n = 5000;
    const labels = Uint8Array.from({ length: n }, () => (next() < 2 ** 31 ? 1 : 0));
    const weights = Float64Array.from({ length: n }, () => 0.1 + next() / 2 ** 32);
    const u = () => next() / 2 ** 32;
    const scoreSets = [
      // Tie groups of ~100 mixed events (a 1/50 grid), several straddling the 1,024-event checkpoints.
      Float64Array.from(labels, (l) => Math.round((l + u()) * 25) / 50),
      // Distinct scores and groups side by side.
      Float64Array.from(labels, (l, i) => (i % 3 === 0 ? Math.round((l + u()) * 20) / 40 : l + u())),
      // The top event is background, alone in its group: no cut before the first past a tiny ε_B.
      Float64Array.from(labels, (l, i) => (i === 0 ? 3 : l + u())),
    ];
    labels[0] = 0;
    const m = new Uint8Array(n);
    for (const scores of scoreSets) {
      const events = rankedEvents(rankByScore(scores, signedWeights(labels, weights)));
      for (let r = 0; r < 10; r++) {
        poissonMultiplicities(new Xoshiro128(seedKey(r)), m);
        m[0] = Math.max(1, m[0]!);
        for (const epsB of [1e-9, 1e-3, 0.01, 0.2, 0.6, 0.999]) {
          const [, , before, [totalS]] = twoPassWalk(events, m, (_s, b, _ts, tb) => b / tb > epsB);
          expect(resampledEfficiency(events, m, epsB)).toBe(before / totalS);
        }
        for (const epsS of [0.001, 0.3, 0.7, 1]) {
          const [, b, , [, totalB]] = twoPassWalk(events, m, (s, _b, ts) => s / ts >= epsS);
          expect(resampledRejection(events, m, epsS)).toBe(totalB / b);
        }
      }
    }
  });
});
