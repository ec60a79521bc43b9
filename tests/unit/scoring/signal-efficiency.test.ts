import { describe, expect, it } from "vitest";
import { signalEfficiencyAtBackground } from "@/scoring/metrics/signal-efficiency";

describe("signalEfficiencyAtBackground (step rule)", () => {
  const scores = Float64Array.from([0.9, 0.8, 0.7, 0.6]);
  const labels = Uint8Array.from([1, 0, 1, 0]);

  it("follows the worked example: best ε_S of any cut with ε_B ≤ target", () => {
    expect(signalEfficiencyAtBackground(scores, labels, null, 0.5)).toBe(1);
    expect(signalEfficiencyAtBackground(scores, labels, null, 0.4)).toBe(0.5);
    expect(signalEfficiencyAtBackground(scores, labels, null, 0)).toBe(0.5);
  });

  it("keeps tie groups whole and uses weights", () => {
    // The top group (score 5) mixes signal 3 and background 1 of total background 100: ε_B = 0.01.
    const s = Float64Array.from([5, 5, 4, 1]);
    const l = Uint8Array.from([1, 0, 1, 0]);
    const w = Float64Array.from([3, 1, 1, 99]);
    expect(signalEfficiencyAtBackground(s, l, w, 1e-2)).toBe(1);
    expect(signalEfficiencyAtBackground(s, l, w, 1e-3)).toBe(0);
  });

  it("is NaN without both classes", () => {
    expect(signalEfficiencyAtBackground(scores, Uint8Array.from([1, 1, 1, 1]), null, 0.1)).toBeNaN();
  });
});
