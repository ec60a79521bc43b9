import { describe, expect, it } from "vitest";
import { massResolution, massResolutionMetric } from "@/scoring/metrics/mass-resolution";
import { real, resampledWith } from "./metric-data";

describe("mass resolution", () => {
  it("worked example: r = [0.1, 0, −0.1], bias 0, σ = √(0.02/3)", () => {
    const { resolution, bias } = massResolution(real([100, 125, 200], [110, 125, 180]));
    expect(bias).toBeCloseTo(0, 15);
    expect(resolution).toBeCloseTo(Math.sqrt(0.02 / 3), 15);
  });

  it("reports a bias apart from the spread: a 10% overestimate everywhere has σ 0", () => {
    const data = real([100, 125, 200], [110, 137.5, 220], [1, 2, 3]);
    expect(massResolution(data).bias).toBeCloseTo(0.1, 15);
    expect(massResolution(data).resolution).toBeCloseTo(0, 15);
    expect(massResolutionMetric.details!(data, {}).bias).toBeCloseTo(0.1, 15);
  });

  it("weighted: r = [0.2, 0] with weights [1, 3] → bias 0.05, σ = √(0.0075)", () => {
    const { resolution, bias } = massResolution(real([100, 100], [120, 100], [1, 3]));
    expect(bias).toBeCloseTo(0.05, 15);
    expect(resolution).toBeCloseTo(Math.sqrt((0.15 ** 2 + 3 * 0.05 ** 2) / 4), 15);
  });

  it("refuses a zero true value, naming the event", () => {
    expect(() => massResolution(real([100, 0], [100, 1]))).toThrow(
      "event 1 has true value 0: a relative resolution needs a non-zero finite target",
    );
  });

  it("resample with multiplicities 1 gives the value", () => {
    const data = real([100, 125, 200, 90], [110, 120, 185, 99], [1, 2, 3, 4]);
    expect(resampledWith(massResolutionMetric.resample!(data, {}))).toBeCloseTo(massResolution(data).resolution, 14);
  });
});
