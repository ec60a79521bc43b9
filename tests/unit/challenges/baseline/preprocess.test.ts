import { describe, expect, it } from "vitest";
import { fitPreprocessor, transformEvents } from "@/challenges/higgs-tautau/baseline/preprocess";
import { higgsColumns } from "@/challenges/higgs-tautau/baseline/symmetry";
import { allocateHiggsEvents, FEATURE_INDEX as F, HIGGS_FEATURES, MISSING } from "@/challenges/higgs-tautau/schema";

/** Events with every feature 1 (so log1p features are ln 2 …) except those set by `set`. */
function events(n: number, set: (features: Float64Array[], i: number) => void) {
  const e = allocateHiggsEvents(n, false);
  for (let i = 0; i < n; i++) {
    e.eventId[i] = i;
    for (const col of e.features) col[i] = 1;
    set(e.features, i);
  }
  return e;
}

describe("symmetry", () => {
  it("rotates φ to the tau's and flips η and φ signs (the doc example)", () => {
    const e = events(1, (f) => {
      f[F.PRI_tau_eta]![0] = -0.5;
      f[F.PRI_tau_phi]![0] = 3.0;
      f[F.PRI_lep_eta]![0] = 1.2;
      f[F.PRI_lep_phi]![0] = -3.0;
      f[F.PRI_met_phi]![0] = 1.0;
      f[F.PRI_jet_leading_phi]![0] = MISSING;
    });
    const { names, columns } = higgsColumns(e, true);
    const at = (name: string) => columns[names.indexOf(name)]![0]!;
    expect(names).toHaveLength(29);
    expect(names).not.toContain("PRI_tau_phi");
    expect(at("PRI_lep_phi")).toBeCloseTo(2 * Math.PI - 6, 12);
    expect(at("PRI_met_phi")).toBeCloseTo(-2, 12);
    expect([at("PRI_tau_eta"), at("PRI_lep_eta"), at("PRI_jet_leading_phi")]).toEqual([0.5, -1.2, MISSING]);
  });

  it("flips every φ when the rotated lepton φ is negative", () => {
    const e = events(1, (f) => {
      f[F.PRI_tau_phi]![0] = 0;
      f[F.PRI_lep_phi]![0] = -1;
      f[F.PRI_met_phi]![0] = 0.5;
    });
    const { names, columns } = higgsColumns(e, true);
    expect([columns[names.indexOf("PRI_lep_phi")]![0], columns[names.indexOf("PRI_met_phi")]![0]]).toEqual([1, -0.5]);
  });
});

describe("preprocessing", () => {
  const mmc = [Math.E - 1, MISSING, Math.exp(3) - 1];
  const train = events(3, (f, i) => {
    f[F.DER_mass_MMC]![i] = mmc[i]!;
  });

  it("logs, standardises, zeroes missing values and adds an indicator (the doc example)", () => {
    const state = fitPreprocessor(train, { style: "standardised", symmetrise: false });
    const names = state.columns.map((c) => c.name);
    // 30 features plus one indicator: only DER_mass_MMC is ever missing here.
    expect(names).toEqual([...HIGGS_FEATURES, "DER_mass_MMC_missing"]);
    const { X, rows, cols } = transformEvents(state, train);
    expect([rows, cols]).toEqual([3, 31]);
    const column = (j: number) => [0, 1, 2].map((i) => X[i * cols + j]!);
    expect(column(F.DER_mass_MMC).map((v) => Number(v.toFixed(6)))).toEqual([-1, 0, 1]);
    expect(column(30)).toEqual([0, 1, 0]);
    // A constant column is centred, with std 1 rather than a division by zero.
    expect(column(F.PRI_tau_pt)).toEqual([0, 0, 0]);
  });

  it("survives a JSON round trip (the model card stores it)", () => {
    const state = fitPreprocessor(train, { style: "standardised" });
    const restored = JSON.parse(JSON.stringify(state)) as typeof state;
    expect(transformEvents(restored, train).X).toEqual(transformEvents(state, train).X);
  });

  it("leaves values raw with NaN as missing for trees", () => {
    const state = fitPreprocessor(train, { style: "raw", symmetrise: false });
    const { X, cols } = transformEvents(state, train);
    expect(cols).toBe(30);
    expect([X[F.DER_mass_MMC], X[cols + F.DER_mass_MMC], X[F.PRI_tau_pt]]).toEqual([Math.fround(Math.E - 1), NaN, 1]);
  });
});
