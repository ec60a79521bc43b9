import { describe, expect, it } from "vitest";
import { isBetter, validateMetricParams, type MetricData } from "@/scoring/metric-descriptor";
import { ams } from "@/scoring/metrics/ams";
import { maxSic } from "@/scoring/metrics/sic";
import { weightedRocAuc } from "@/scoring/metrics/roc-auc";
import { efficiencyAtBackgroundMetric, signalEfficiencyAtBackground } from "@/scoring/metrics/signal-efficiency";
import { METRICS, metricDescriptors } from "@/scoring/registry";

/** 200 events with ties (scores on a 0.05 grid), uneven weights, both classes. */
function binaryData(): MetricData {
  const n = 200;
  const target = new Uint8Array(n);
  const prediction = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    target[i] = (i * 7) % 3 === 0 ? 1 : 0;
    prediction[i] = Math.round(((((i * 37) % 101) / 101) * 0.6 + 0.4 * target[i]!) * 20) / 20;
    weights[i] = 0.5 + ((i * 13) % 5);
  }
  return { type: "binary", target, prediction, classes: 2, weights };
}

describe("metric descriptors", () => {
  const data = binaryData();
  const labels = data.target as Uint8Array;

  it("compute gives the metric functions' values", () => {
    expect(METRICS.auc.compute!(data, {})).toBe(weightedRocAuc(data.prediction, labels, data.weights));
    expect(METRICS["eff-at-1e-2"].compute!(data, {})).toBe(signalEfficiencyAtBackground(data.prediction, labels, data.weights, 1e-2));
    expect(METRICS.sic.compute!(data, validateMetricParams(METRICS.sic, { minBackground: 3 }))).toBe(
      maxSic(data.prediction, labels, data.weights, { minBackground: 3 }).sic,
    );
    let s = 0;
    let b = 0;
    for (let i = 0; i < labels.length; i++) {
      if (data.prediction[i]! <= 0.5) continue;
      if (labels[i]) s += data.weights![i]!;
      else b += data.weights![i]!;
    }
    expect(METRICS.ams.compute!(data, {})).toBeCloseTo(ams(s, b), 12);
  });

  it("resample with every multiplicity 1 gives compute's value, for every binary metric (the others: their own tests)", () => {
    for (const m of metricDescriptors) {
      if (m.compute === null || !m.targets.includes("binary")) continue;
      const params = validateMetricParams(m);
      const { events, metric } = m.resample!(data, params);
      expect(metric(new Uint8Array(events).fill(1)), m.id).toBeCloseTo(m.compute(data, params), 12);
    }
  });

  it("a doubled multiplicity counts an event twice", () => {
    const { events, metric } = METRICS.auc.resample!(data, {});
    const doubled = metric(new Uint8Array(events).fill(2));
    expect(doubled).toBeCloseTo(METRICS.auc.compute!(data, {}), 12);
  });

  it("validates an organiser's parameters: defaults, unknown names, range, type, whole numbers", () => {
    expect(validateMetricParams(efficiencyAtBackgroundMetric)).toEqual({ epsB: 1e-3 });
    expect(validateMetricParams(efficiencyAtBackgroundMetric, { epsB: 0.05 })).toEqual({ epsB: 0.05 });
    expect(() => validateMetricParams(efficiencyAtBackgroundMetric, { epsB: 0 })).toThrow(
      "Background efficiency ε_B (epsB) must be a number with 0 < epsB < 1, got 0",
    );
    expect(() => validateMetricParams(efficiencyAtBackgroundMetric, { epsB: 1 })).toThrow(/0 < epsB < 1, got 1/);
    expect(() => validateMetricParams(efficiencyAtBackgroundMetric, { epsB: "0.1" })).toThrow(/got "0.1"/);
    expect(() => validateMetricParams(efficiencyAtBackgroundMetric, { epsS: 0.1 })).toThrow(
      'metric eff-at-eps-b has no parameter "epsS" (its parameters: epsB)',
    );
    expect(() => validateMetricParams(METRICS.auc, { epsB: 0.1 })).toThrow("(its parameters: none)");
    expect(() => validateMetricParams(METRICS.sic, { minBackground: 2.5 })).toThrow(/must be a whole number with 1 ≤ minBackground/);
  });

  it("compares by direction, NaN never better", () => {
    expect(isBetter("max", 2, 1)).toBe(true);
    expect(isBetter("min", 2, 1)).toBe(false);
    expect(isBetter("min", NaN, 1)).toBe(false);
    expect(isBetter("max", NaN, 1)).toBe(false);
  });
});
