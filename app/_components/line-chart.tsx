/** A small dependency-free SVG line chart (server-rendered; no client JS). */
export function LineChart({
  xs,
  ys,
  xLabel,
  yLabel,
  marker,
  width = 560,
  height = 260,
}: {
  xs: number[];
  ys: number[];
  xLabel: string;
  yLabel: string;
  /** Highlight one point (e.g. the maximum). */
  marker?: { x: number; y: number; label: string };
  width?: number;
  height?: number;
}) {
  if (xs.length === 0) return <p className="text-sm text-slate-500">No data to plot.</p>;
  const pad = { l: 56, r: 16, t: 12, b: 40 };
  const [x0, x1] = extent(xs);
  const [y0, y1] = extent(ys);
  const sx = (x: number) => pad.l + ((x - x0) / (x1 - x0 || 1)) * (width - pad.l - pad.r);
  const sy = (y: number) => height - pad.b - ((y - y0) / (y1 - y0 || 1)) * (height - pad.t - pad.b);
  const d = xs.map((x, i) => `${i ? "L" : "M"}${sx(x).toFixed(1)},${sy(ys[i]!).toFixed(1)}`).join("");
  const ticks = (lo: number, hi: number) => [0, 0.25, 0.5, 0.75, 1].map((f) => lo + f * (hi - lo));
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="w-full max-w-2xl" role="img" aria-label={`${yLabel} against ${xLabel}`}>
      <rect x={pad.l} y={pad.t} width={width - pad.l - pad.r} height={height - pad.t - pad.b} fill="white" stroke="#cbd5e1" />
      {ticks(y0, y1).map((t) => (
        <g key={`y${t}`}>
          <line x1={pad.l} x2={width - pad.r} y1={sy(t)} y2={sy(t)} stroke="#f1f5f9" />
          <text x={pad.l - 6} y={sy(t) + 4} fontSize="10" textAnchor="end" fill="#64748b">
            {fmt(t)}
          </text>
        </g>
      ))}
      {ticks(x0, x1).map((t) => (
        <text key={`x${t}`} x={sx(t)} y={height - pad.b + 14} fontSize="10" textAnchor="middle" fill="#64748b">
          {fmt(t)}
        </text>
      ))}
      <path d={d} fill="none" stroke="#1f57c8" strokeWidth="2" />
      {xs.length < 40 && xs.map((x, i) => <circle key={i} cx={sx(x)} cy={sy(ys[i]!)} r="3" fill="#1f57c8" />)}
      {marker && (
        <g>
          <circle cx={sx(marker.x)} cy={sy(marker.y)} r="5" fill="none" stroke="#dc2626" strokeWidth="2" />
          <text x={sx(marker.x) + 8} y={sy(marker.y) - 8} fontSize="11" fill="#dc2626">
            {marker.label}
          </text>
        </g>
      )}
      <text x={(width + pad.l) / 2} y={height - 6} fontSize="11" textAnchor="middle" fill="#334155">
        {xLabel}
      </text>
      <text x={12} y={height / 2} fontSize="11" textAnchor="middle" fill="#334155" transform={`rotate(-90 12 ${height / 2})`}>
        {yLabel}
      </text>
    </svg>
  );
}

function extent(v: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of v) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

function fmt(x: number): string {
  const a = Math.abs(x);
  if (a >= 10_000) return `${(x / 1000).toFixed(0)}k`;
  if (a >= 100) return x.toFixed(0);
  return x.toPrecision(3);
}
