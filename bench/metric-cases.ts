/**
 * Seeded random inputs for every metric, shared by the scikit-learn cross-check (tests/unit/scoring) and the metric
 * benchmark: binary scores on a 1/512 grid (so many tie, and 0 and ½ occur exactly: the clipping and threshold
 * edges), multiclass probabilities rounded to 1/32 (argmax ties, zero probabilities), positive real targets, and
 * uneven weights or none.
 */
import type { MetricData, TargetType } from "../scoring/metric-descriptor";
import { createRng } from "../scoring/prng";

export interface MetricCase {
  metric: string;
  type: TargetType;
  target: number[];
  prediction: number[];
  classes: number;
  weights: number[] | null;
  params: Record<string, number>;
}

const BINARY_METRICS: [string, Record<string, number>][] = [
  ["accuracy", {}],
  ["balanced-accuracy", {}],
  ["log-loss", {}],
  ["f1", {}],
  ["auc", {}],
  ["ams", {}],
  ["sic", { minBackground: 5 }],
  ["eff-at-1e-2", {}],
  ["eff-at-1e-3", {}],
  ["eff-at-eps-b", { epsB: 0.05 }],
  ["rejection-at-eps-s", { epsS: 0.3 }],
  ["rejection-at-eps-s", { epsS: 0.7 }],
];
const MULTICLASS_METRICS = ["accuracy", "balanced-accuracy", "log-loss"];
const REAL_METRICS = ["rmse", "mae", "r2", "mass-resolution"];
const CLASSES = 4;

function generator(seed: number) {
  const next = createRng(seed);
  return () => next() / 2 ** 32;
}

interface Sample {
  type: TargetType;
  target: number[];
  prediction: number[];
  classes: number;
}

/**
 * Scores on a 1/512 grid (ties; 0 and ½ exactly), background up to 0.8 and signal up to 1, so cuts near the top keep
 * little background and ε_S at small ε_B is not trivially 0; one signal event in 97 is scored 0, a certain wrong
 * answer (log-loss's clipping).
 */
function binarySample(n: number, u: () => number): Sample {
  const target = Array.from({ length: n }, () => (u() < 0.3 ? 1 : 0));
  const prediction = target.map((y, i) =>
    y === 1 && i % 97 === 0 ? 0 : Math.round(Math.min(1, Math.max(0, 0.85 * u() + 0.2 * y - 0.05)) * 512) / 512,
  );
  return { type: "binary", target, prediction, classes: 2 };
}

function multiclassSample(n: number, u: () => number): Sample {
  const target = Array.from({ length: n }, () => Math.floor(u() * CLASSES));
  const prediction = target.flatMap((y) => {
    const odds = Array.from({ length: CLASSES }, (_, c) => Math.exp(3 * u() + (c === y ? 1 : 0)));
    const sum = odds.reduce((a, b) => a + b, 0);
    return odds.map((o) => Math.round((o / sum) * 32) / 32);
  });
  return { type: "multiclass", target, prediction, classes: CLASSES };
}

function realSample(n: number, u: () => number): Sample {
  const target = Array.from({ length: n }, () => 50 + 150 * u());
  const prediction = target.map((y) => Math.round(y * (1 + 0.03 + 0.2 * (u() - 0.5)) * 2) / 2);
  return { type: "real", target, prediction, classes: 0 };
}

/** Every metric on its target types, weighted and not, from `seed`. */
export function metricCases(n: number, seed: number): MetricCase[] {
  const u = generator(seed);
  const weightsOf = (weighted: boolean) => (weighted ? Array.from({ length: n }, () => 0.05 + 3 * u() ** 2) : null);
  const cases: MetricCase[] = [];
  for (const weighted of [false, true]) {
    const bin = binarySample(n, u);
    const multi = multiclassSample(n, u);
    const reg = realSample(n, u);
    const weights = weightsOf(weighted);
    for (const [metric, params] of BINARY_METRICS) cases.push({ metric, ...bin, weights, params });
    for (const metric of MULTICLASS_METRICS) cases.push({ metric, ...multi, weights, params: {} });
    for (const metric of REAL_METRICS) cases.push({ metric, ...reg, weights, params: {} });
  }
  return cases;
}

export function caseData(c: MetricCase): MetricData {
  return {
    type: c.type,
    target: c.type === "binary" ? Uint8Array.from(c.target) : Float64Array.from(c.target),
    prediction: Float64Array.from(c.prediction),
    classes: c.classes,
    weights: c.weights === null ? null : Float64Array.from(c.weights),
  };
}
