import { describe, expect, it } from "vitest";
import { accuracy, accuracyMetric } from "@/scoring/metrics/accuracy";
import { binary, multiclass, resampledWith } from "./metric-data";

describe("accuracy", () => {
  it("worked example: binary, weighted, class 1 when p > ½", () => {
    expect(accuracy(binary([1, 0, 1, 0], [0.9, 0.6, 0.4, 0.2], [1, 2, 1, 1]))).toBe(0.4);
  });

  it("p = ½ predicts class 0 (argmax over [1 − p, p] takes the first)", () => {
    expect(accuracy(binary([0, 1], [0.5, 0.5]))).toBe(0.5);
  });

  it("multiclass: the most probable class, the lowest index on ties", () => {
    const data = multiclass(
      [0, 1, 2, 1],
      [
        [0.5, 0.3, 0.2],
        [0.4, 0.4, 0.2],
        [0.1, 0.2, 0.7],
        [0.2, 0.5, 0.3],
      ],
      [1, 3, 1, 1],
    );
    // Predicted [0, 0, 2, 1]: event 2 (weight 3) is wrong.
    expect(accuracy(data)).toBe(0.5);
  });

  it("resample: multiplicities 1 give the value; a zero multiplicity drops the event", () => {
    const data = binary([1, 0, 1, 0], [0.9, 0.6, 0.4, 0.2], [1, 2, 1, 1]);
    const r = accuracyMetric.resample!(data, {});
    expect(resampledWith(r)).toBe(0.4);
    // Laid out hits first (events 1 and 4, weights 1 and 1), then misses (weights 2 and 1).
    expect(r.metric(Uint8Array.from([1, 1, 0, 0]))).toBe(1);
    expect(r.metric(Uint8Array.from([0, 0, 1, 1]))).toBe(0);
    expect(r.metric(Uint8Array.from([2, 0, 1, 0]))).toBe(0.5);
    expect(r.metric(new Uint8Array(4))).toBeNaN();
  });
});
