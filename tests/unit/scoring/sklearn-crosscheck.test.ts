/**
 * Every metric against scikit-learn (bench/sklearn-reference.py, Debian's python3-sklearn) on the same seeded random
 * inputs: ties, exact 0 / ½ / 1 probabilities, uneven weights and none. They must agree to 1e-12 relative.
 * Where sklearn has no such metric the reference builds it from sklearn's roc_curve (ε_S at ε_B, 1/ε_B at ε_S,
 * SIC) or numpy (AMS, mass resolution); see the script. Definitions that differ only where a metric is undefined
 * (F1 without positives, R² of a constant target: sklearn 0 or 1, here NaN) are kept out of the random inputs and
 * pinned in the metrics' own tests.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { caseData, metricCases, type MetricCase } from "@/bench/metric-cases";
import { findPythonWith, PYTHON_CANDIDATES } from "@/bench/python-numpy";
import { validateMetricParams, type MetricDescriptor } from "@/scoring/metric-descriptor";
import { metricDescriptors } from "@/scoring/registry";
import { tabularMetrics } from "@/scoring/metrics/tabular";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const python = findPythonWith("sklearn");
const skipReason = python ? null : `no python3 with scikit-learn (tried ${PYTHON_CANDIDATES.join(", ")})`;
if (skipReason) console.warn(`scikit-learn cross-check skipped: ${skipReason}`);

const DESCRIPTORS = new Map<string, MetricDescriptor>([...metricDescriptors, ...tabularMetrics].map((m) => [m.id, m]));
const TOLERANCE = 1e-12;

interface Reference {
  value: number;
  details: Record<string, number>;
}

function ours(c: MetricCase): Reference {
  const descriptor = DESCRIPTORS.get(c.metric)!;
  const params = validateMetricParams(descriptor, c.params);
  const data = caseData(c);
  return { value: descriptor.compute!(data, params), details: descriptor.details?.(data, params) ?? {} };
}

function relativeDifference(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

describe.skipIf(skipReason !== null)("every metric against scikit-learn", () => {
  const dir = mkdtempSync(join(tmpdir(), "collider-arena-sklearn-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([2026, 7])(
    "seed %i: 4,000 events per case, weighted and unweighted, agree to 1e-12",
    (seed) => {
      const cases = metricCases(4000, seed);
      const path = join(dir, `cases-${seed}.json`);
      writeFileSync(path, JSON.stringify(cases));
      const run = spawnSync(python!, [join(ROOT, "bench/sklearn-reference.py"), path], { encoding: "utf8", maxBuffer: 1 << 26 });
      expect(run.stderr).toBe("");
      const reference = JSON.parse(run.stdout) as Reference[];
      const covered = new Set<string>();
      cases.forEach((c, k) => {
        const mine = ours(c);
        const theirs = reference[k]!;
        const label = `${c.metric} (${c.type}, ${c.weights ? "weighted" : "unweighted"}, ${JSON.stringify(c.params)}): ${mine.value} vs sklearn ${theirs.value}`;
        // A 0 on both sides (e.g. ε_S where no cut is within ε_B) would agree without testing anything.
        expect(Number.isFinite(theirs.value) && theirs.value !== 0, label).toBe(true);
        expect(relativeDifference(mine.value, theirs.value), label).toBeLessThan(TOLERANCE);
        // A bias near 0 is compared on the scale of the relative errors it averages (a few percent).
        for (const [key, value] of Object.entries(theirs.details))
          expect(Math.abs(mine.details[key]! - value), `${label} ${key}`).toBeLessThan(TOLERANCE);
        covered.add(c.metric);
      });
      const scored = [...DESCRIPTORS.values()].filter((m) => m.compute !== null).map((m) => m.id);
      expect([...covered].sort()).toEqual(scored.sort());
    },
    120_000,
  );
});
