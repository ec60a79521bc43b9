import { describe, expect, it } from "vitest";
import { LOG_LOSS_EPS, logLoss, logLossMetric } from "@/scoring/metrics/log-loss";
import { binary, multiclass, resampledWith } from "./metric-data";

describe("log-loss", () => {
  it("worked example: binary, unit weights", () => {
    expect(logLoss(binary([1, 0], [0.8, 0.3]))).toBeCloseTo((-Math.log(0.8) - Math.log(0.7)) / 2, 15);
    expect(logLoss(binary([1, 0], [0.8, 0.3]))).toBeCloseTo(0.28990924762647, 13);
  });

  it("weighted", () => {
    expect(logLoss(binary([1, 0], [0.8, 0.3], [3, 1]))).toBeCloseTo((-3 * Math.log(0.8) - Math.log(0.7)) / 4, 15);
  });

  it("clips as sklearn does: a certain wrong answer costs −ln(2^-52) = 36.04, not infinity", () => {
    expect(LOG_LOSS_EPS).toBe(Number.EPSILON);
    expect(logLoss(binary([0], [1]))).toBeCloseTo(-Math.log(Number.EPSILON), 12);
    expect(logLoss(binary([1], [0]))).toBeCloseTo(36.04365338911715, 12);
    expect(logLoss(binary([1], [1]))).toBeCloseTo(0, 15);
  });

  it("multiclass: −ln of the true class's probability, rows renormalised", () => {
    const data = multiclass(
      [0, 2],
      [
        [0.7, 0.2, 0.1],
        [0.25, 0.25, 0.5],
      ],
    );
    expect(logLoss(data)).toBeCloseTo((-Math.log(0.7) - Math.log(0.5)) / 2, 15);
    // A row summing to 1.0001 is divided by its sum.
    expect(logLoss(multiclass([1], [[0.5, 0.5001]]))).toBeCloseTo(-Math.log(0.5001 / 1.0001), 15);
  });

  it("resample with multiplicities 1 gives the value", () => {
    const data = binary([1, 0, 1], [0.8, 0.3, 0.6], [1, 2, 3]);
    expect(resampledWith(logLossMetric.resample!(data, {}))).toBeCloseTo(logLoss(data), 14);
  });
});
