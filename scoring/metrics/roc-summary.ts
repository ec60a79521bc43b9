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
import type { RocCurve } from "./roc-curve";

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
  /** Targets not yet gone past: background only grows along a walk, so once none is left they need no more work. */
  private pending: number;
  /** The best SIC cut so far (bestBackground 0: none yet). */
  private bestSignal = 0;
  private bestBackground = 0;
  private bestThreshold = NaN;

  constructor(
    readonly totalSignal: number,
    readonly totalBackground: number,
    private readonly targets: readonly number[],
    private readonly minBackground: number,
    /** Also fed every step (the public subset's plotted curve), from here so the walk's call stays monomorphic. */
    private readonly curve: RocCurve | null = null,
  ) {
    this.withinSignal = new Float64Array(targets.length);
    this.past = new Uint8Array(targets.length);
    this.pending = targets.length;
  }

  /** Runs once per tie group of a 550,000-event walk: no division or square root here unless a target is pending. */
  step(signal: number, background: number, backgroundCount: number, threshold: number): void {
    this.area += (background - this.lastBackground) * (signal + this.lastSignal);
    this.lastSignal = signal;
    this.lastBackground = background;
    if (this.curve !== null) this.curve.step(signal, background);
    if (this.pending > 0) this.passTargets(signal, background);
    if (backgroundCount < this.minBackground || !(background > 0)) return;
    // SIC = ε_S/√ε_B rises and falls with S²/B, so cuts compare by cross-multiplying; the first best cut is kept.
    if (this.bestBackground === 0 || signal * signal * this.bestBackground > this.bestSignal * this.bestSignal * background) {
      this.bestSignal = signal;
      this.bestBackground = background;
      this.bestThreshold = threshold;
    }
  }

  private passTargets(signal: number, background: number): void {
    const epsB = background / this.totalBackground;
    for (let t = 0; t < this.targets.length; t++) {
      if (this.past[t]) continue;
      if (epsB > this.targets[t]!) {
        this.past[t] = 1;
        this.pending--;
      } else this.withinSignal[t] = signal;
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
    if (!this.defined || this.bestBackground === 0) return { sic: NaN, epsS: NaN, epsB: NaN, threshold: NaN };
    const epsS = this.bestSignal / this.totalSignal;
    const epsB = this.bestBackground / this.totalBackground;
    return { sic: epsS / Math.sqrt(epsB), epsS, epsB, threshold: this.bestThreshold };
  }
}

/** Feeds stored steps (rocSteps) to a RocSummary. */
export function summarizeSteps(steps: RocSteps, targets: readonly number[], minBackground: number): RocSummary {
  const summary = new RocSummary(steps.totalSignal, steps.totalBackground, targets, minBackground);
  for (let g = 1; g < steps.length; g++)
    summary.step(steps.signal[g]!, steps.background[g]!, steps.backgroundCount[g]!, steps.threshold[g]!);
  return summary;
}
