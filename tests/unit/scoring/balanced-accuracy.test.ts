import { describe, expect, it } from "vitest";
import { balancedAccuracy, balancedAccuracyMetric } from "@/scoring/metrics/balanced-accuracy";
import { binary, multiclass, resampledWith } from "./metric-data";

const example = () =>
  multiclass(
    [0, 1, 2, 2],
    [
      [0.6, 0.2, 0.2],
      [0.1, 0.3, 0.6],
      [0.2, 0.2, 0.6],
      [0.2, 0.5, 0.3],
    ],
    [1, 1, 2, 1],
  );

describe("balanced accuracy", () => {
  it("worked example: mean of per-class recalls = 5/9", () => {
    expect(balancedAccuracy(example())).toBeCloseTo(5 / 9, 15);
  });

  it("binary: the mean of the true-positive and true-negative rates", () => {
    // Signal: 2 of 3 right; background: 1 of 2 right.
    expect(balancedAccuracy(binary([1, 1, 1, 0, 0], [0.9, 0.8, 0.1, 0.7, 0.2]))).toBeCloseTo((2 / 3 + 1 / 2) / 2, 15);
  });

  it("leaves a class absent from the target out of the mean", () => {
    // Class 1 never occurs; predicting it for a class-0 event costs class 0's recall only.
    expect(
      balancedAccuracy(
        multiclass(
          [0, 0, 2],
          [
            [0.2, 0.7, 0.1],
            [0.8, 0.1, 0.1],
            [0, 0, 1],
          ],
        ),
      ),
    ).toBe(0.75);
  });

  it("resample with multiplicities 1 gives the value; doubling every event changes nothing", () => {
    const r = balancedAccuracyMetric.resample!(example(), {});
    expect(resampledWith(r)).toBeCloseTo(5 / 9, 15);
    expect(resampledWith(r, 2)).toBeCloseTo(5 / 9, 15);
  });
});
