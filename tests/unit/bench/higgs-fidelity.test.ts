import { describe, expect, it } from "vitest";
import { allocateHiggsEvents, FEATURE_INDEX as F } from "@/challenges/higgs-tautau/schema";
import { jetEventShares, jetWeightShares, ksOverSeeds } from "@/bench/lib/higgs-fidelity";

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
