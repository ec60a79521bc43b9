import type { SampledTracks } from "@/challenges/detector-design";

const W = 640;
const H = 360;
const PAD = 24;
const HALF = 25;

/**
 * Side view of a straw-tube design: tubes as circles (filled where a drawn track fired
 * them) and a sample of the public seed's tracks crossing the central ±25 cm.
 */
export function DetectorPicture({ sample }: { sample: SampledTracks }) {
  const zs = sample.tubes.map((t) => t.z);
  const zMin = Math.min(...zs) - 2;
  const zMax = Math.max(...zs) + 2;
  const x = (z: number) => PAD + ((z - zMin) / (zMax - zMin)) * (W - 2 * PAD);
  const y = (v: number) => PAD + ((HALF - v) / (2 * HALF)) * (H - 2 * PAD);
  const sx = (W - 2 * PAD) / (zMax - zMin);
  const sy = (H - 2 * PAD) / (2 * HALF);
  const fired = new Set(sample.tracks.flatMap((t) => t.hits.map((h) => `${h.layer}:${h.y.toFixed(3)}`)));
  const tubes = sample.tubes.filter((t) => Math.abs(t.y) <= HALF);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="w-full max-w-2xl rounded border border-slate-200 bg-white"
      role="img"
      aria-label="Detector geometry with simulated tracks"
    >
      <clipPath id="detector-window">
        <rect x={PAD} y={PAD} width={W - 2 * PAD} height={H - 2 * PAD} />
      </clipPath>
      <g clipPath="url(#detector-window)">
        {sample.tracks.map((t, i) => (
          <line
            key={i}
            x1={x(zMin)}
            y1={y(t.k * zMin + t.b)}
            x2={x(zMax)}
            y2={y(t.k * zMax + t.b)}
            stroke={t.hits.length >= 2 ? "#2563eb" : "#f97316"}
            strokeOpacity={0.6}
            strokeWidth={1}
          />
        ))}
        {tubes.map((t, i) => (
          <ellipse
            key={i}
            cx={x(t.z)}
            cy={y(t.y)}
            rx={t.r * sx}
            ry={t.r * sy}
            fill={fired.has(`${t.layer}:${t.y.toFixed(3)}`) ? "#10b981" : "none"}
            fillOpacity={0.5}
            stroke="#334155"
            strokeWidth={0.8}
          />
        ))}
      </g>
      <text x={PAD} y={H - 6} fontSize={11} fill="#64748b">
        z: {zMin.toFixed(0)}–{zMax.toFixed(0)} cm · y: ±{HALF} cm (axes not to scale) · blue: ≥ 2 tubes hit, orange: missed
      </text>
    </svg>
  );
}
