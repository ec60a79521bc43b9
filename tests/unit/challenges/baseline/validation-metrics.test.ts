import { describe, expect, it } from "vitest";
import { trainingProblems } from "@/challenges/shared/baseline/checks";
import { amsAtThreshold, bestCut, weightedLogLoss } from "@/challenges/shared/baseline/validation-metrics";

const scores = Float32Array.of(0.9, 0.8, 0.3, 0.1);
const labels = Uint8Array.of(1, 1, 0, 0);
const weights = Float64Array.of(1, 1, 50, 50);

describe("bestCut", () => {
  it("maximises AMS over cuts with enough background events (the doc example)", () => {
    const cut = bestCut(scores, labels, weights, 1);
    expect(cut.threshold).toBeCloseTo(0.3, 6);
    expect(cut.ams).toBeCloseTo(0.25678, 5);
    expect([cut.selected, cut.selectedFraction]).toEqual([3, 0.75]);
  });

  it("without the floor takes the background-free spike", () => {
    const cut = bestCut(scores, labels, weights, 0);
    expect(cut.threshold).toBeCloseTo(0.8, 6);
    expect(cut.ams).toBeCloseTo(0.61296, 5);
    expect(cut.selected).toBe(2);
  });

  it("caps the floor at a tenth of the background events, so the default still cuts a tiny set", () => {
    // 2 background events: the default floor of 50 becomes 1.
    expect(bestCut(scores, labels, weights).threshold).toBeCloseTo(0.3, 6);
  });

  it("selects tied scores together", () => {
    const cut = bestCut(Float32Array.of(0.5, 0.5, 0.1), Uint8Array.of(1, 0, 0), Float64Array.of(1, 1, 1), 0);
    expect(cut.selected).toBe(2);
  });

  it("selects nothing when no cut has a positive AMS", () => {
    expect(bestCut(Float32Array.of(0.5, 0.4), Uint8Array.of(0, 0), Float64Array.of(1, 1), 0)).toEqual({
      threshold: Infinity,
      ams: 0,
      selected: 0,
      selectedFraction: 0,
    });
  });
});

describe("amsAtThreshold and weightedLogLoss", () => {
  it("scores a given cut", () => {
    expect(amsAtThreshold(scores, labels, weights, 0.8)).toBeCloseTo(0.61296, 5);
    expect(amsAtThreshold(scores, labels, weights, 2)).toBe(0);
  });

  it("is the weighted mean cross-entropy", () => {
    // (1·ln 2 + 3·(−ln 0.5)) / 4 = ln 2; then one confident error clipped at 1e-7.
    expect(weightedLogLoss([0.5, 0.5], Uint8Array.of(1, 0), [1, 3])).toBeCloseTo(Math.LN2, 12);
    expect(weightedLogLoss([0], Uint8Array.of(1), [1])).toBeCloseTo(-Math.log(1e-7), 9);
  });
});

describe("trainingProblems", () => {
  it("lists every problem (the doc example)", () => {
    expect(trainingProblems(Uint8Array.of(1, 1), [1, 0], { names: ["x"], values: [[0.5, NaN]] })).toEqual([
      "the training events are all signal; a classifier needs both classes",
      "x is not a finite number in 1 event (first at row 2)",
      "1 event has a weight that is not a positive finite number (first at row 2)",
    ]);
  });

  it("says when there is nothing, and nothing when all is well", () => {
    expect(trainingProblems(new Uint8Array(0), [], { names: [], values: [] })).toEqual(["there are no training events"]);
    expect(trainingProblems(Uint8Array.of(1, 0), [1, 2], { names: ["x"], values: [[1, Infinity]] })).toEqual([
      "x is not a finite number in 1 event (first at row 2)",
    ]);
    expect(trainingProblems(Uint8Array.of(1, 0), [1, 2], { names: ["x"], values: [[1, 2]] })).toEqual([]);
  });
});
