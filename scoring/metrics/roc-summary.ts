/**
 * The cut-based metrics of a ROC curve, accumulated step by step (tie groups from the highest score down), so that a
 * walk over ranked events computes them without storing the curve: the weighted AUC (trapezoids between groups, so
 * ties count one half), ε_S at fixed ε_B (step rule, see signal-efficiency.ts) and the maximum SIC (see sic.ts).
 * The totals must be known before the first step; they are the sums at the last one.
 *
 * Worked example: steps (S, B) = (1, 0), (1, 2), (2, 3) with totals S 2, B 3 and no minimum background count:
 * AUC = [0·(1 + 0) + 2·(1 + 1) + 1·(2 + 1)] / (2·2·3) = 7/12; ε_S at ε_B ≤ 0.5 is 1/2 (the cut at (1, 0));
 * SIC: (1/2)/√(2/3) = 0.612 at (1, 2), 1/√1 = 1 at (2, 3): max 1.
 */
import type { RocSteps } from "./ranking";

export interface SicResult {
  sic: number;
  epsS: number;
  epsB: number;
  /** Lowest score kept by the best cut. */
  threshold: number;
}

/** What a walk over ranked events hands on at the end of each tie group: the sums of everything selected so far. */
export interface StepSink {
  step(signal: number, background: number, backgroundCount: number, threshold: number): void;
}

export class RocSummary implements StepSink {
  private area = 0;
  private lastSignal = 0;
  private lastBackground = 0;
  /** Per target: the signal of the last cut within it, and whether a cut has gone past it. */
  private readonly withinSignal: Float64Array;
  private readonly past: Uint8Array;
  private sic = NaN;
  private sicEpsS = NaN;
  private sicEpsB = NaN;
  private sicThreshold = NaN;

  constructor(
    readonly totalSignal: number,
    readonly totalBackground: number,
    private readonly targets: readonly number[],
    private readonly minBackground: number,
  ) {
    this.withinSignal = new Float64Array(targets.length);
    this.past = new Uint8Array(targets.length);
  }

  step(signal: number, background: number, backgroundCount: number, threshold: number): void {
    this.area += (background - this.lastBackground) * (signal + this.lastSignal);
    this.lastSignal = signal;
    this.lastBackground = background;
    const epsB = background / this.totalBackground;
    for (let t = 0; t < this.targets.length; t++) {
      // ε_B only grows, so once past the target every later cut is too.
      if (this.past[t] || epsB > this.targets[t]!) this.past[t] = 1;
      else this.withinSignal[t] = signal;
    }
    if (backgroundCount < this.minBackground || !(background > 0)) return;
    const epsS = signal / this.totalSignal;
    const sic = epsS / Math.sqrt(epsB);
    if (!(sic <= this.sic)) {
      this.sic = sic;
      this.sicEpsS = epsS;
      this.sicEpsB = epsB;
      this.sicThreshold = threshold;
    }
  }

  private get defined(): boolean {
    return this.totalSignal > 0 && this.totalBackground > 0;
  }

  /** NaN when a class is absent. */
  auc(): number {
    return this.defined ? this.area / (2 * this.totalSignal * this.totalBackground) : NaN;
  }

  /** ε_S at the i-th target ε_B; NaN when a class is absent. */
  efficiency(i: number): number {
    return this.defined ? this.withinSignal[i]! / this.totalSignal : NaN;
  }

  /** All NaN when a class is absent or no cut keeps enough background events. */
  maxSic(): SicResult {
    if (!this.defined) return { sic: NaN, epsS: NaN, epsB: NaN, threshold: NaN };
    return { sic: this.sic, epsS: this.sicEpsS, epsB: this.sicEpsB, threshold: this.sicThreshold };
  }
}

/** Feeds stored steps (rocSteps) to a RocSummary. */
export function summarizeSteps(steps: RocSteps, targets: readonly number[], minBackground: number): RocSummary {
  const summary = new RocSummary(steps.totalSignal, steps.totalBackground, targets, minBackground);
  for (let g = 1; g < steps.length; g++) summary.step(steps.signal[g]!, steps.background[g]!, steps.backgroundCount[g]!, steps.threshold[g]!);
  return summary;
}
