import { describe, expect, it } from "vitest";
import { segmentResampler, segmentSums, segmentsOf } from "@/scoring/metrics/segment-sums";

describe("segment sums (the bootstrap layout of counting metrics)", () => {
  it("groups weights by key, leaves other keys out, and sums each segment (the worked example)", () => {
    const layout = segmentsOf([1, 0, 2, 0], 2, Float64Array.from([1, 2, 3, 4]));
    expect(Array.from(layout.values)).toEqual([2, 4, 1]);
    expect(Array.from(layout.bounds)).toEqual([0, 2, 3]);
    const sums = new Float64Array(2);
    segmentSums(Uint8Array.from([1, 2, 1]), layout, sums);
    expect(Array.from(sums)).toEqual([10, 1]);
  });

  it("counts unit weights when there are none, and hands finish one resample's sums", () => {
    const r = segmentResampler(segmentsOf([0, 1, 1, 0, 1], 2, null), ([a, b]) => a! / (a! + b!));
    expect(r.events).toBe(5);
    expect(r.metric(Uint8Array.from([1, 1, 1, 1, 1]))).toBe(0.4);
    expect(r.metric(Uint8Array.from([3, 0, 1, 0, 0]))).toBe(0.75);
  });
});
