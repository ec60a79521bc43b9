import { describe, expect, it } from "vitest";
import { allocateHiggsEvents, FEATURE_INDEX as F } from "@/challenges/higgs-tautau/schema";
import { DEFAULT_SIMULATOR_CONFIG } from "@/challenges/higgs-tautau/simulator/config";
import { reconstruct } from "@/challenges/higgs-tautau/simulator/detector";
import { setPtEtaPhiM } from "@/challenges/higgs-tautau/simulator/four-vector";
import { SLOT, TruthEvent } from "@/challenges/higgs-tautau/simulator/truth-event";
import { Random } from "@/challenges/shared/random";

describe("detector response", () => {
  it("spreads the MET resolution from event to event by metResolutionSpread (a log-normal scale mixture)", () => {
    // A lepton and a tau, no neutrinos, no jets, exact momenta and a fixed soft sumET: the only random part of the MET
    // is the resolution term, whose variance per component is sigma² e^(s²) for a mean-one log-normal scale of sigma s.
    const ev = new TruthEvent();
    setPtEtaPhiM(ev.p4, SLOT.lep, 40, 0.3, 0.5, 0);
    setPtEtaPhiM(ev.p4, SLOT.tauVis, 35, -0.4, 2.6, 0.8);
    const moments = (spread: number): { variance: number; kurtosis: number } => {
      const det = {
        ...DEFAULT_SIMULATOR_CONFIG.detector,
        leptonResolution: 0,
        tauResolution: 0,
        softSumEtSpread: 0,
        softResponse: 0,
        metResolutionSpread: spread,
      };
      const cols = allocateHiggsEvents(1, false).features;
      const rng = new Random(11);
      const n = 40000;
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        expect(reconstruct(rng, ev, det, cols, 0)).toBe(true);
        x[i] = (cols[F.PRI_met]![0] as number) * Math.cos(cols[F.PRI_met_phi]![0] as number);
      }
      const sumEt = cols[F.PRI_met_sumet]![0] as number;
      const sigma2 = det.metResolution ** 2 * sumEt;
      const mean = x.reduce((a, b) => a + b, 0) / n;
      const m2 = x.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
      const m4 = x.reduce((a, b) => a + (b - mean) ** 4, 0) / n;
      return { variance: m2 / sigma2, kurtosis: m4 / (m2 * m2) };
    };
    const gaussian = moments(0);
    expect(gaussian.variance).toBeCloseTo(1, 1);
    expect(gaussian.kurtosis).toBeCloseTo(3, 0);
    const mixture = moments(0.5);
    expect(mixture.variance).toBeCloseTo(Math.exp(0.25), 1);
    // A scale mixture has kurtosis 3 e^(2 s²) ≈ 4.9.
    expect(mixture.kurtosis).toBeGreaterThan(4.2);
  });
});
