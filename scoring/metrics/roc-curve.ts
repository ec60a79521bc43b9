/**
 * A ROC curve thinned for plotting: from the steps of a walk over ranked events (tie groups from the highest score
 * down, cumulative weights), the points where ε_B first reaches each value of a log-spaced grid from `minEpsB` to 1,
 * plus the last step. A few hundred points draw the curve of a 550,000-event submission exactly enough for the
 * eye, on the log axis physicists use for ε_B; SIC = ε_S/√ε_B follows from the same points.
 *
 * Worked example: totals S = 2, B = 4, grid [0.25, 0.5, 1] (minEpsB 0.25, 3 points); steps (S, B) = (1, 0), (1, 1),
 * (2, 2), (2, 4) give ε_B 0, 0.25, 0.5, 1: the points are (ε_B, ε_S) = (0.25, 0.5), (0.5, 1), (1, 1).
 */
import type { StepSink } from "./roc-summary";

export class RocCurve implements StepSink {
  readonly epsB: number[] = [];
  readonly epsS: number[] = [];
  private next = 0;
  private readonly grid: Float64Array;
  /**
   * Below this background sum, ε_B is surely under the next grid value (the factor leaves room for rounding), so
   * most steps return without a division.
   */
  private nextBackground = 0;

  constructor(
    private readonly totalSignal: number,
    private readonly totalBackground: number,
    points = 120,
    minEpsB = 1e-5,
  ) {
    this.grid = Float64Array.from({ length: points }, (_, i) => minEpsB ** (1 - i / (points - 1)));
    this.advance();
  }

  private advance(): void {
    const { grid, next, totalBackground } = this;
    this.nextBackground = next >= grid.length ? Infinity : totalBackground > 0 ? grid[next]! * totalBackground * (1 - 2 ** -40) : -Infinity;
  }

  step(signal: number, background: number): void {
    if (background < this.nextBackground) return;
    const eb = this.totalBackground > 0 ? background / this.totalBackground : 1;
    if (this.next >= this.grid.length || eb < this.grid[this.next]!) return;
    while (this.next < this.grid.length && eb >= this.grid[this.next]!) this.next++;
    this.advance();
    this.epsB.push(eb);
    this.epsS.push(this.totalSignal > 0 ? signal / this.totalSignal : 0);
  }
}
