import { describe, expect, it } from "vitest";
import { mae, maeMetric } from "@/scoring/metrics/mae";
import { r2, r2Metric } from "@/scoring/metrics/r2";
import { rmse, rmseMetric } from "@/scoring/metrics/rmse";
import { real, resampledWith } from "./metric-data";

const example = () => real([1, 2, 3], [1.5, 2, 2], [1, 1, 2]);

describe("regression metrics (worked examples)", () => {
  it("RMSE = 0.75", () => expect(rmse(example())).toBe(0.75));
  it("MAE = 0.625", () => expect(mae(example())).toBe(0.625));
  it("R² = 2/11", () => expect(r2(example())).toBeCloseTo(2 / 11, 15));

  it("R² of a perfect prediction is 1, of the mean 0, and undefined for a constant target", () => {
    expect(r2(real([1, 2, 4], [1, 2, 4]))).toBe(1);
    expect(r2(real([1, 2, 3], [2, 2, 2]))).toBe(0);
    expect(r2(real([5, 5], [4, 6]))).toBeNaN();
  });

  it("unweighted equals unit weights", () => {
    const a = real([1, 2, 3, 7], [1.5, 2, 2, 5]);
    const b = real([1, 2, 3, 7], [1.5, 2, 2, 5], [1, 1, 1, 1]);
    for (const f of [rmse, mae, r2]) expect(f(a)).toBe(f(b));
  });

  it("resamples with multiplicities 1 give the values, also far from zero (centred sums)", () => {
    const far = real([1e6 + 1, 1e6 + 2, 1e6 + 3, 1e6 + 7], [1e6 + 1.5, 1e6 + 2, 1e6 + 2, 1e6 + 5], [1, 2, 3, 4]);
    for (const data of [example(), far]) {
      expect(resampledWith(rmseMetric.resample!(data, {}))).toBeCloseTo(rmse(data), 12);
      expect(resampledWith(maeMetric.resample!(data, {}))).toBeCloseTo(mae(data), 12);
      expect(resampledWith(r2Metric.resample!(data, {}))).toBeCloseTo(r2(data), 12);
    }
  });
});
