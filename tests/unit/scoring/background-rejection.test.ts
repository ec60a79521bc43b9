import { describe, expect, it } from "vitest";
import { validateMetricParams } from "@/scoring/metric-descriptor";
import { backgroundRejection, backgroundRejectionMetric } from "@/scoring/metrics/background-rejection";
import { binary, resampledWith } from "./metric-data";

const example = () => binary([0, 1, 0, 1, 0, 0], [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]);

describe("background rejection at ε_S", () => {
  it("worked example: 4 at ε_S = 0.5, 2 at ε_S = 1", () => {
    expect(backgroundRejection(example(), 0.5)).toBe(4);
    expect(backgroundRejection(example(), 1)).toBe(2);
  });

  it("a cut takes whole tie groups: tied scores cannot be split to reach ε_S", () => {
    // Signal at 0.8 ties with a background event: reaching ε_S ½ takes both → ε_B 2/4.
    expect(backgroundRejection(binary([0, 1, 0, 1, 0, 0], [0.9, 0.8, 0.8, 0.6, 0.5, 0.4]), 0.5)).toBe(2);
  });

  it("Infinity when the cut keeps no background; NaN without one class", () => {
    expect(backgroundRejection(binary([1, 0, 1, 0], [0.9, 0.2, 0.8, 0.1]), 1)).toBe(Infinity);
    expect(backgroundRejection(binary([1, 1], [0.9, 0.2]), 0.5)).toBeNaN();
  });

  it("weighted", () => {
    // Background weights 3 (score 0.9) and 1: reaching the signal at 0.8 keeps 3 of 4.
    expect(backgroundRejection(binary([0, 1, 0], [0.9, 0.8, 0.1], [3, 1, 1]), 1)).toBeCloseTo(4 / 3, 15);
  });

  it("the ε_S is an organiser's parameter, default 0.5, between 0.001 and 1", () => {
    expect(validateMetricParams(backgroundRejectionMetric)).toEqual({ epsS: 0.5 });
    expect(() => validateMetricParams(backgroundRejectionMetric, { epsS: 1.5 })).toThrow(
      "Signal efficiency ε_S (epsS) must be a number with 0.001 ≤ epsS ≤ 1, got 1.5",
    );
    expect(backgroundRejectionMetric.compute!(example(), { epsS: 1 })).toBe(2);
  });

  it("resample with multiplicities 1 gives the value", () => {
    expect(resampledWith(backgroundRejectionMetric.resample!(example(), { epsS: 0.5 }))).toBe(4);
  });
});
