import { describe, expect, it } from "vitest";
import { allocateHiggsEvents, BACKGROUND_WEIGHT_TOTAL, FEATURE_INDEX as F, SIGNAL_WEIGHT_TOTAL } from "@/challenges/higgs-tautau/schema";
import {
  jetEventShares,
  jetWeightShares,
  ksOverSeeds,
  mixClasses,
  standardError,
  subsampleEvents,
  transferAms,
} from "@/bench/lib/higgs-fidelity";
import { simulateHiggs } from "@/challenges/higgs-tautau/simulator/simulate";

/** Six events: signal with 0, 1, 3 jets (weights 1, 1, 2), background with 2, 2, 0 jets (weights 3, 1, 4). */
function events() {
  const ev = allocateHiggsEvents(6, false);
  ev.label.set([1, 1, 1, 0, 0, 0]);
  ev.weight.set([1, 1, 2, 3, 1, 4]);
  (ev.features[F.PRI_jet_num] as Float64Array).set([0, 1, 3, 2, 2, 0]);
  return ev;
}

describe("bench/lib/higgs-fidelity jet multiplicities", () => {
  it("counts events per jet bin, ignoring the weights", () => {
    expect(Array.from(jetEventShares(events(), 1))).toEqual([1 / 3, 1 / 3, 0, 1 / 3]);
    expect(Array.from(jetEventShares(events(), 0))).toEqual([1 / 3, 0, 2 / 3, 0]);
  });

  it("differs from the weight shares where weights differ", () => {
    expect(Array.from(jetWeightShares(events(), 1))).toEqual([0.25, 0.25, 0, 0.5]);
  });
});

describe("bench/lib/higgs-fidelity ksOverSeeds", () => {
  it("takes the largest and the mean value per class and feature over the samples", () => {
    const { max, mean } = ksOverSeeds([
      [
        [0.1, 0.02],
        [0.05, 0.2],
      ],
      [
        [0.04, 0.06],
        [0.07, 0.0],
      ],
    ]);
    expect(max).toEqual([
      [0.1, 0.06],
      [0.07, 0.2],
    ]);
    expect(mean[0][0]).toBeCloseTo(0.07, 12);
    expect(mean[0][1]).toBeCloseTo(0.04, 12);
    expect(mean[1][0]).toBeCloseTo(0.06, 12);
    expect(mean[1][1]).toBeCloseTo(0.1, 12);
  });

  it("refuses an empty list", () => {
    expect(() => ksOverSeeds([])).toThrow(/at least one/);
  });
});

describe("bench/lib/higgs-fidelity mixClasses", () => {
  /** Events with ids base, base + 1, …, labels as given, weight 1 each. */
  function sample(base: number, labels: number[]) {
    const ev = allocateHiggsEvents(labels.length, false);
    ev.label.set(labels);
    ev.weight.fill(1);
    labels.forEach((_, i) => (ev.eventId[i] = base + i));
    return ev;
  }

  it("takes the signal of one sample and the background of the other, as many of each as the model sample has", () => {
    const like = sample(0, [1, 0, 0]);
    const mixed = mixClasses(sample(100, [0, 1, 1, 0]), sample(200, [1, 0, 1, 0, 0]), like);
    expect(Array.from(mixed.eventId)).toEqual([101, 201, 203]);
    expect(Array.from(mixed.label)).toEqual([1, 0, 0]);
    // Weights renormalised per class to the Kaggle totals, so each class keeps its total whatever its source.
    expect(mixed.weight[1]).toBeCloseTo(mixed.weight[2] as number, 12);
    expect(mixed.weight[0]).not.toBeCloseTo(mixed.weight[1] as number, 3);
  });

  it("refuses a source with too few events of the class it gives", () => {
    expect(() => mixClasses(sample(100, [0, 0]), sample(200, [0, 0]), sample(0, [1, 0]))).toThrow(/1 events of class 1 needed, 0 given/);
  });
});

describe("bench/lib/higgs-fidelity transferAms", () => {
  it("scores the model at the cut chosen on the training sample and at the test's own best cut, never lower", () => {
    const train = simulateHiggs({ seed: 31, nEvents: 3000 });
    const test = simulateHiggs({ seed: 32, nEvents: 3000 });
    const splits = [1, 2, 3].map((seed) => transferAms(train, test, seed));
    for (const t of splits) {
      expect(t.ams).toBeGreaterThan(0);
      expect(t.rankingAms).toBeGreaterThanOrEqual(t.ams);
    }
    // The chosen cut misses the test's best one on some split: otherwise the two figures would carry the same news.
    expect(splits.some((t) => t.rankingAms > t.ams)).toBe(true);
  });
});

describe("bench/lib/higgs-fidelity standardError", () => {
  it("is the sample standard deviation over the square root of n", () => {
    // mean 5, squared deviations 9 + 1 + 1 + 9 = 20, sample variance 20 / 3, over n = 4: sqrt(5 / 3).
    expect(standardError([2, 4, 6, 8])).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(standardError([3, 3, 3])).toBe(0);
  });

  it("is undefined for fewer than two values", () => {
    expect(standardError([1])).toBeNaN();
    expect(standardError([])).toBeNaN();
  });
});

describe("bench/lib/higgs-fidelity subsampleEvents", () => {
  const source = simulateHiggs({ seed: 5, nEvents: 400 });

  it("draws n distinct events, reproducibly by seed, with weights renormalised per class", () => {
    const picked = subsampleEvents(source, 150, 1);
    expect(picked.label).toHaveLength(150);
    expect(new Set(picked.eventId).size).toBe(150);
    expect(picked.eventId.every((id) => source.eventId.includes(id))).toBe(true);
    expect(subsampleEvents(source, 150, 1).eventId).toEqual(picked.eventId);
    expect(subsampleEvents(source, 150, 2).eventId).not.toEqual(picked.eventId);
    const total = (cls: number): number => picked.weight.reduce((a, w, i) => a + (picked.label[i] === cls ? w : 0), 0);
    expect(total(1)).toBeCloseTo(SIGNAL_WEIGHT_TOTAL, 6);
    expect(total(0)).toBeCloseTo(BACKGROUND_WEIGHT_TOTAL, 6);
    // Each picked event keeps its features.
    const at = source.eventId.indexOf(picked.eventId[0] as number);
    expect(picked.features[F.PRI_tau_pt]![0]).toBe(source.features[F.PRI_tau_pt]![at]);
  });

  it("refuses a size it cannot draw", () => {
    expect(() => subsampleEvents(source, 401, 1)).toThrow(/1\.\.400/);
    expect(() => subsampleEvents(source, 0, 1)).toThrow(RangeError);
    expect(() => subsampleEvents(source, 2.5, 1)).toThrow(RangeError);
  });
});
