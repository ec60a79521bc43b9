import { niceScale, type Scale } from "@/lib/chart-scale";

/**
 * A small SVG line chart, rendered on the server (no client JS), on "nice" axes (lib/chart-scale.ts): integer
 * ticks for counts, bounds for fractions, and a readable axis for one point.
 */
export function LineChart({
  xs,
  ys,
  xLabel,
  yLabel,
  marker,
  xInteger = false,
  yInteger = false,
  yBounds,
  width = 560,
  height = 260,
}: {
  xs: number[];
  ys: number[];
  xLabel: string;
  yLabel: string;
  /** Highlight one point (e.g. the maximum). */
  marker?: { x: number; y: number; label: string };
  /** Counts (events, submissions, days): whole-number ticks only. */
  xInteger?: boolean;
  yInteger?: boolean;
  /** Hard limits of the y axis, e.g. [0, 1] for an efficiency. */
  yBounds?: [number, number];
  width?: number;
  height?: number;
}) {
  const xScale = niceScale(marker ? [...xs, marker.x] : xs, { integer: xInteger, maxTicks: 6 });
  const yScale = niceScale(marker ? [...ys, marker.y] : ys, { integer: yInteger, bounds: yBounds });
  if (!xScale || !yScale) return <p className="text-sm text-slate-500">No data to plot.</p>;
  const pad = { l: 64, r: 16, t: 16, b: 42 };
  const px = (s: Scale, v: number, a: number, b: number) => a + ((v - s.domain[0]) / (s.domain[1] - s.domain[0] || 1)) * (b - a);
  const sx = (x: number) => px(xScale, x, pad.l, width - pad.r);
  const sy = (y: number) => px(yScale, y, height - pad.b, pad.t);
  const d = xs.map((x, i) => `${i ? "L" : "M"}${sx(x).toFixed(1)},${sy(ys[i]!).toFixed(1)}`).join("");
  const label = (s: Scale, t: number) =>
    t.toLocaleString("en-US", { minimumFractionDigits: s.decimals, maximumFractionDigits: s.decimals });
  // The marker's label sits inside the plot: left of the point near the right edge, below it near the top.
  const m = marker && { cx: sx(marker.x), cy: sy(marker.y) };
  const labelLeft = m ? m.cx > (width + pad.l) / 2 : false;
  const labelBelow = m ? m.cy < pad.t + 20 : false;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="w-full max-w-2xl" role="img" aria-label={`${yLabel} against ${xLabel}`}>
      <rect x={pad.l} y={pad.t} width={width - pad.l - pad.r} height={height - pad.t - pad.b} fill="white" stroke="#cbd5e1" />
      {yScale.ticks.map((t) => (
        <g key={`y${t}`}>
          <line x1={pad.l} x2={width - pad.r} y1={sy(t)} y2={sy(t)} stroke="#f1f5f9" />
          <text x={pad.l - 6} y={sy(t) + 4} fontSize="10" textAnchor="end" fill="#64748b">
            {label(yScale, t)}
          </text>
        </g>
      ))}
      {xScale.ticks.map((t) => (
        <text key={`x${t}`} x={sx(t)} y={height - pad.b + 14} fontSize="10" textAnchor="middle" fill="#64748b">
          {label(xScale, t)}
        </text>
      ))}
      <path d={d} fill="none" stroke="#1f57c8" strokeWidth="2" />
      {xs.length < 40 && xs.map((x, i) => <circle key={i} cx={sx(x)} cy={sy(ys[i]!)} r="3" fill="#1f57c8" />)}
      {marker && m && (
        <g data-testid="chart-marker">
          <circle cx={m.cx} cy={m.cy} r="5" fill="none" stroke="#dc2626" strokeWidth="2" />
          <text
            x={m.cx + (labelLeft ? -8 : 8)}
            y={m.cy + (labelBelow ? 16 : -8)}
            fontSize="11"
            fill="#dc2626"
            textAnchor={labelLeft ? "end" : "start"}
          >
            {marker.label}
          </text>
        </g>
      )}
      <text x={(width + pad.l) / 2} y={height - 6} fontSize="11" textAnchor="middle" fill="#334155">
        {xLabel}
      </text>
      <text
        x={12}
        y={(height - pad.b + pad.t) / 2}
        fontSize="11"
        textAnchor="middle"
        fill="#334155"
        transform={`rotate(-90 12 ${(height - pad.b + pad.t) / 2})`}
      >
        {yLabel}
      </text>
    </svg>
  );
}
