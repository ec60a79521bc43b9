import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankingTotals, walkGroups } from "@/scoring/metrics/ranked-walk";
import { maskedRows, rankByScore, rocSteps, signedWeights } from "@/scoring/metrics/ranking";
import { RocSummary, summarizeSteps, type StepSink } from "@/scoring/metrics/roc-summary";
import { Workspace } from "@/scoring/metrics/workspace";

const TARGETS = [1e-2, 0.3];

/** Slow reference: weighted AUC over all (signal, background) pairs, ties one half. */
function pairwiseAuc(scores: number[], labels: number[], weights: number[]): number {
  let num = 0;
  let s = 0;
  let b = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i]) s += weights[i]!;
    else b += weights[i]!;
    for (let j = 0; j < scores.length; j++) {
      if (!labels[i] || labels[j]) continue;
      num += weights[i]! * weights[j]! * (scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0);
    }
  }
  return s > 0 && b > 0 ? num / (s * b) : NaN;
}

/** Every metric of a summary, for exact comparison. */
function metrics(summary: RocSummary): number[] {
  const sic = summary.maxSic();
  return [
    summary.auc(),
    ...TARGETS.map((_, t) => summary.efficiency(t)),
    sic.sic,
    sic.epsS,
    sic.epsB,
    sic.threshold,
    summary.totalSignal,
    summary.totalBackground,
  ];
}

class Recorder implements StepSink {
  steps: number[][] = [];
  step(signal: number, background: number, backgroundCount: number, threshold: number): void {
    this.steps.push([signal, background, backgroundCount, threshold]);
  }
}

// Events on a coarse score grid (ties within and across subsets), subsets 0..2 and 255 (none), any labels.
const eventArb = fc.record({
  score: fc.integer({ min: -3, max: 3 }).map((k) => (k === 0 ? -0 : k / 4)),
  label: fc.integer({ min: 0, max: 1 }),
  weight: fc.double({ min: 0.01, max: 10, noNaN: true }),
  subset: fc.constantFrom(0, 1, 2, 255),
});

describe("walkGroups over one subset's rows", () => {
  it("gives exactly the metrics of the subset's events alone, and the pairwise AUC", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), fc.integer({ min: 0, max: 3 }), (events, minBackground) => {
        const scores = Float64Array.from(events, (e) => e.score);
        const labels = Uint8Array.from(events, (e) => e.label);
        const weights = Float64Array.from(events, (e) => e.weight);
        const ws = new Workspace();
        for (let v = 0; v < 3; v++) {
          const rows = maskedRows(Uint8Array.from(events, (e) => (e.subset === v ? 1 : 0)));
          const ranking = rankByScore(scores, signedWeights(labels, weights, rows), rows, ws);
          const [totalSignal, totalBackground] = rankingTotals(ranking);
          const summary = new RocSummary(totalSignal, totalBackground, TARGETS, minBackground);
          walkGroups(ranking, summary);
          // The same events copied out on their own, ranked and walked through the stored steps.
          const members = events.filter((e) => e.subset === v);
          const alone = summarizeSteps(
            rocSteps(
              rankByScore(
                Float64Array.from(members, (e) => e.score),
                signedWeights(
                  Uint8Array.from(members, (e) => e.label),
                  Float64Array.from(members, (e) => e.weight),
                ),
              ),
            ),
            TARGETS,
            minBackground,
          );
          expect(metrics(summary)).toEqual(metrics(alone));
          const reference = pairwiseAuc(
            members.map((e) => e.score),
            members.map((e) => e.label),
            members.map((e) => e.weight),
          );
          if (Number.isNaN(reference)) expect(summary.auc()).toBeNaN();
          else expect(summary.auc()).toBeCloseTo(reference, 12);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("hands the sink the sums at the end of each tie group (the worked example)", () => {
    const ranking = rankByScore(Float64Array.from([0.9, 0.8, 0.8, 0.1]), signedWeights(Uint8Array.from([1, 0, 1, 0]), null));
    const sink = new Recorder();
    walkGroups(ranking, sink);
    expect(sink.steps).toEqual([
      [1, 0, 0, 0.9],
      [2, 1, 1, 0.8],
      [2, 2, 2, 0.1],
    ]);
    expect(rankingTotals(ranking)).toEqual([2, 2]);
  });

  it("ranks a subset's rows as ranking the subset alone, each with its signed weight", () => {
    const scores = Float64Array.from([0.5, 0.5, 0.7, -0, 0, 0.7, 0.1]);
    const rows = Int32Array.from([0, 2, 3, 5]);
    // Rows 0 and 5 signal, rows 2 and 3 background (row 3 of weight 0: −0).
    const signed = signedWeights(Uint8Array.from([1, 1, 0, 0, 1, 1, 0]), Float64Array.from([1, 9, 2, 0, 9, 3, 9]), rows);
    expect([...signed]).toEqual([1, -2, -0, 3]);
    const alone = rankByScore(
      Float64Array.from(rows, (row) => scores[row]!),
      signed,
    );
    const ranking = rankByScore(scores, signed, rows);
    expect([...ranking.signed]).toEqual([...alone.signed]);
    expect([...ranking.sorted]).toEqual([...alone.sorted]);
    // Rows 2 and 5 (0.7, in row order), row 0 (0.5), row 3 (−0 as 0).
    expect([...ranking.signed]).toEqual([-2, 3, 1, -0]);
    expect([...ranking.sorted]).toEqual([0.7, 0.7, 0.5, 0]);
    // The background event of weight 0 is counted as background.
    const sink = new Recorder();
    walkGroups(ranking, sink);
    expect(sink.steps).toEqual([
      [3, 2, 1, 0.7],
      [4, 2, 1, 0.5],
      [4, 2, 2, 0],
    ]);
  });

  it("refuses negative and non-finite weights, which the sign cannot carry", () => {
    const labels = Uint8Array.from([1, 0]);
    expect(() => signedWeights(labels, Float64Array.from([1, -1]))).toThrow(/weight -1 of event 1 is not a finite non-negative number/);
    expect(() => signedWeights(labels, Float64Array.from([NaN, 1]))).toThrow(/weight NaN of event 0/);
    expect(() => signedWeights(labels, Float64Array.from([Infinity, 1]))).toThrow(/weight Infinity of event 0/);
  });
});

describe("RocSummary", () => {
  it("follows the worked example", () => {
    const summary = new RocSummary(2, 3, [0.5], 0);
    summary.step(1, 0, 0, 0.9);
    summary.step(1, 2, 2, 0.5);
    summary.step(2, 3, 3, 0.1);
    expect(summary.auc()).toBe(7 / 12);
    expect(summary.efficiency(0)).toBe(0.5);
    expect(summary.maxSic()).toEqual({ sic: 1, epsS: 1, epsB: 1, threshold: 0.1 });
  });

  it("matches the per-step formulas: ε_S at each target, and the first cut with the largest ε_S/√ε_B", () => {
    // Cumulative steps with integer sums: SIC ties are exact here, so the first best cut is well defined.
    const stepArb = fc.array(fc.record({ s: fc.integer({ min: 0, max: 3 }), b: fc.integer({ min: 0, max: 3 }) }), {
      minLength: 1,
      maxLength: 40,
    });
    fc.assert(
      fc.property(stepArb, fc.integer({ min: 0, max: 4 }), (increments, minBackground) => {
        const steps: [number, number][] = [];
        let S = 0;
        let B = 0;
        for (const { s, b } of increments) steps.push([(S += s), (B += b)]);
        const summary = new RocSummary(S, B, TARGETS, minBackground);
        steps.forEach(([s, b], g) => summary.step(s, b, b, g));
        let best = NaN;
        let bestAt = NaN;
        const within = TARGETS.map(() => 0);
        const past = TARGETS.map(() => false);
        steps.forEach(([s, b], g) => {
          TARGETS.forEach((t, i) => {
            if (past[i] || b / B > t) past[i] = true;
            else within[i] = s;
          });
          if (b < minBackground || !(b > 0)) return;
          const sic = s / S / Math.sqrt(b / B);
          if (!(sic <= best) && (Number.isNaN(best) || sic > best * (1 + 1e-12))) [best, bestAt] = [sic, g];
        });
        if (!(S > 0 && B > 0)) return;
        TARGETS.forEach((_, i) => expect(summary.efficiency(i)).toBe(within[i]! / S));
        const sic = summary.maxSic();
        if (Number.isNaN(best)) expect(sic.sic).toBeNaN();
        else {
          expect(sic.sic).toBeCloseTo(best, 12);
          expect(sic.threshold).toBe(bestAt);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("is NaN without both classes", () => {
    const summary = new RocSummary(0, 3, [0.5], 0);
    summary.step(0, 3, 3, 0.1);
    expect(summary.auc()).toBeNaN();
    expect(summary.efficiency(0)).toBeNaN();
    expect(summary.maxSic().sic).toBeNaN();
  });
});

describe("Workspace", () => {
  it("reuses a slot's memory for smaller or equal requests and replaces it for larger ones", () => {
    const ws = new Workspace();
    const a = ws.float64("x", 4);
    a.set([1, 2, 3, 4]);
    const b = ws.float64("x", 2);
    expect([...b]).toEqual([1, 2]);
    expect(b.buffer).toBe(a.buffer);
    expect(ws.float64("x", 5).buffer).not.toBe(a.buffer);
    expect(ws.int32("y", 3)).toHaveLength(3);
    const fresh = new Workspace(false);
    expect(fresh.uint8("x", 2).buffer).not.toBe(fresh.uint8("x", 2).buffer);
  });
});
