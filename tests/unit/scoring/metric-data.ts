/** MetricData from plain arrays, for the metric tests. */
import type { MetricData } from "@/scoring/metric-descriptor";

export function binary(target: number[], prediction: number[], weights?: number[]): MetricData {
  return {
    type: "binary",
    target: Uint8Array.from(target),
    prediction: Float64Array.from(prediction),
    classes: 2,
    weights: weights ? Float64Array.from(weights) : null,
  };
}

/** `probabilities`: one row of k per event. */
export function multiclass(target: number[], probabilities: number[][], weights?: number[]): MetricData {
  const classes = probabilities[0]!.length;
  return {
    type: "multiclass",
    target: Float64Array.from(target),
    prediction: Float64Array.from(probabilities.flat()),
    classes,
    weights: weights ? Float64Array.from(weights) : null,
  };
}

export function real(target: number[], prediction: number[], weights?: number[]): MetricData {
  return {
    type: "real",
    target: Float64Array.from(target),
    prediction: Float64Array.from(prediction),
    classes: 0,
    weights: weights ? Float64Array.from(weights) : null,
  };
}

/** The descriptor's resample with every multiplicity `times`. */
export function resampledWith(resample: { events: number; metric: (m: Uint8Array) => number }, times = 1): number {
  return resample.metric(new Uint8Array(resample.events).fill(times));
}
