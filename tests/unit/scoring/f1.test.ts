import { describe, expect, it } from "vitest";
import { f1, f1Metric } from "@/scoring/metrics/f1";
import { binary, resampledWith } from "./metric-data";

describe("F1", () => {
  it("worked example: TP 2, FP 1, FN 1 → 2/3", () => {
    expect(f1(binary([1, 1, 0, 0, 1], [0.9, 0.2, 0.7, 0.1, 0.6]))).toBeCloseTo(2 / 3, 15);
  });

  it("weighted counts", () => {
    // TP weight 2, FP weight 3, FN weight 1: 4 / (4 + 3 + 1).
    expect(f1(binary([1, 0, 1], [0.9, 0.7, 0.2], [2, 3, 1]))).toBe(0.5);
  });

  it("0 when nothing positive is found, NaN when the target has no positive event", () => {
    expect(f1(binary([1, 0], [0.1, 0.2]))).toBe(0);
    expect(f1(binary([0, 0], [0.9, 0.2]))).toBeNaN();
  });

  it("resample with multiplicities 1 gives the value", () => {
    const data = binary([1, 1, 0, 0, 1], [0.9, 0.2, 0.7, 0.1, 0.6], [1, 2, 3, 4, 5]);
    expect(resampledWith(f1Metric.resample!(data, {}))).toBeCloseTo(f1(data), 15);
  });
});
