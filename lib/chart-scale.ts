/**
 * Axis scales for the site's charts: "nice" ticks (1, 2 or 5 × 10ⁿ apart), a domain that covers every point and
 * ends on ticks, integer ticks for counts, optional hard bounds (a fraction never runs past 1), and sensible axes
 * for one point or a flat series.
 */
import { plural } from "./format";

export interface Scale {
  domain: [number, number];
  ticks: number[];
  /** Decimals that show every tick exactly. */
  decimals: number;
}

/** The 1-2-5 step that cuts `span` into at most `maxTicks` intervals (at least 1 when `integer`). */
export function niceStep(span: number, maxTicks: number, integer = false): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, maxTicks);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * (1 - 1e-9))!;
  return integer ? Math.max(1, Math.round(step)) : step;
}

export function niceScale(
  values: readonly number[],
  opts: { maxTicks?: number; integer?: boolean; bounds?: [number, number] } = {},
): Scale | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return null;
  const maxTicks = opts.maxTicks ?? 5;
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (lo === hi) {
    // One point, or a flat series: an axis around it (counts start at 0).
    const half = opts.integer ? 1 : lo === 0 ? 1 : Math.abs(lo) * 0.1;
    [lo, hi] = opts.integer && lo >= 0 ? [0, Math.max(1, hi + half)] : [lo - half, hi + half];
  }
  const step = niceStep(hi - lo, maxTicks, opts.integer);
  let start = Math.floor(lo / step + 1e-9) * step;
  let end = Math.ceil(hi / step - 1e-9) * step;
  if (opts.bounds) {
    start = Math.max(start, opts.bounds[0]);
    end = Math.min(end, opts.bounds[1]);
  }
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step - 1e-9) * step; t <= end + step * 1e-9; t += step) ticks.push(clean(t, step));
  const decimals = opts.integer ? 0 : Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return { domain: [start, end], ticks, decimals };
}

/** Removes float noise (0.30000000000000004) by rounding to the step's precision. */
function clean(t: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(t.toFixed(Math.min(20, digits)));
}

/** Values a histogram cannot place on an axis, counted apart from its bins. */
export interface OffAxis {
  /** +∞ (e.g. a background rejection 1/ε_B when no background passes the cut). */
  positiveInfinity: number;
  negativeInfinity: number;
  nan: number;
}

export interface Histogram {
  centres: number[];
  counts: number[];
  width: number;
  /** The non-finite values: the bins and their range cover the finite ones only. */
  offAxis: OffAxis;
}

/** Histogram bins on nice edges over the finite values: one bin around the value when all values are equal. */
export function histogram(values: readonly number[], maxBins = 12): Histogram {
  const finite = values.filter(Number.isFinite);
  const offAxis: OffAxis = { positiveInfinity: 0, negativeInfinity: 0, nan: 0 };
  for (const v of values) {
    if (v === Infinity) offAxis.positiveInfinity++;
    else if (v === -Infinity) offAxis.negativeInfinity++;
    else if (Number.isNaN(v)) offAxis.nan++;
  }
  const scale = niceScale(finite, { maxTicks: maxBins });
  if (!scale) return { centres: [], counts: [], width: 0, offAxis };
  const [lo, hi] = scale.domain;
  const width = scale.ticks.length > 1 ? scale.ticks[1]! - scale.ticks[0]! : hi - lo;
  const bins = Math.max(1, Math.round((hi - lo) / width));
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)))]!++;
  return { centres: counts.map((_, i) => lo + (i + 0.5) * width), counts, width, offAxis };
}

/**
 * The values a histogram left off its axis, as a line under the chart ("∞: 1 team; not a number: 2 teams", in the
 * signs pages use for such scores); null when there are none.
 */
export function offAxisLine(o: OffAxis, noun: string, nouns = `${noun}s`): string | null {
  const parts = (
    [
      ["∞", o.positiveInfinity],
      ["−∞", o.negativeInfinity],
      ["not a number", o.nan],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${what}: ${plural(n, noun, nouns)}`);
  return parts.length ? parts.join("; ") : null;
}
