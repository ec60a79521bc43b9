/**
 * Cross-check on real data: the first 22,889 events of the ATLAS HiggsML 2014 open data, split with a fixed seed
 * into ignored / Public / Private with Kaggle's per-class weight renormalisation, scored here and by an
 * independent numpy implementation (bench/scoring-reference.py) reading the same files; they must agree to 1e-9.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findNumpyPython, PYTHON_CANDIDATES } from "@/bench/python-numpy";
import { sharedDataFile } from "@/lib/shared-data";
import { createRng } from "@/scoring/prng";
import { parseSolution } from "@/scoring/parsing/solution-csv";
import { scoreSubmission, type MetricId } from "@/scoring/registry";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DATA = sharedDataFile("higgsml-v2-first22889.csv.gz");
const TOTALS = { s: 691.988608, b: 410999.847322 };
const python = existsSync(DATA) ? findNumpyPython() : null;
const skipReason = !existsSync(DATA)
  ? `real HiggsML sample not found at ${DATA}`
  : !python
    ? `no python3 with numpy (tried ${PYTHON_CANDIDATES.join(", ")})`
    : null;
if (skipReason) console.warn(`HiggsML numpy cross-check skipped: ${skipReason}`);

interface Event {
  id: string;
  mass: number;
  signal: boolean;
  weight: number;
  usage: "Public" | "Private" | "Train";
}

function loadEvents(): Event[] {
  const lines = gunzipSync(readFileSync(DATA)).toString("utf8").trim().split("\n");
  const header = lines[0]!.split(",");
  const col = (name: string) => header.indexOf(name);
  const [cId, cMass, cLabel, cWeight] = [col("EventId"), col("DER_mass_MMC"), col("Label"), col("KaggleWeight")];
  const next = createRng(2014);
  const events = lines.slice(1).map((line) => {
    const f = line.split(",");
    const u = next() / 2 ** 32;
    const usage = u < 1 / 3 ? "Train" : u < 1 / 3 + (2 / 3) * 0.18 ? "Public" : "Private";
    return { id: f[cId]!, mass: Number(f[cMass]), signal: f[cLabel] === "s", weight: Number(f[cWeight]), usage } as Event;
  });
  // Kaggle's renormalisation: each subset's per-class weights sum to the full training-set totals.
  for (const usage of ["Public", "Private"] as const) {
    for (const signal of [true, false]) {
      const members = events.filter((e) => e.usage === usage && e.signal === signal);
      const sum = members.reduce((a, e) => a + e.weight, 0);
      for (const e of members) e.weight *= (signal ? TOTALS.s : TOTALS.b) / sum;
    }
  }
  return events;
}

/** Rank by descending key (ties by file order), `s` for the top fraction. */
function higgsSubmission(events: Event[], key: (e: Event, i: number) => number, signalFraction: number): string {
  const order = [...events.keys()].sort((a, b) => key(events[a]!, a) - key(events[b]!, b) || b - a);
  const rank = new Array<number>(events.length);
  order.forEach((row, k) => (rank[row] = k + 1));
  const cut = events.length - Math.round(signalFraction * events.length);
  return `EventId,RankOrder,Class\n${events.map((e, i) => `${e.id},${rank[i]},${rank[i]! > cut ? "s" : "b"}`).join("\n")}\n`;
}

// The data is read in beforeAll, never while collecting: a skipped suite's body still runs at collection.
describe.skipIf(skipReason !== null)("HiggsML sample: TypeScript vs numpy", () => {
  const dir = mkdtempSync(join(tmpdir(), "collider-arena-crosscheck-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const solutionPath = join(dir, "solution.csv");
  let events: Event[] = [];
  beforeAll(() => {
    events = loadEvents();
    writeFileSync(
      solutionPath,
      `EventId,Label,Weight,Usage\n${events.map((e) => `${e.id},${e.signal ? "s" : "b"},${e.weight},${e.usage}`).join("\n")}\n`,
    );
  });
  const closeness = (e: Event) => (e.mass === -999 ? -1e9 : -Math.abs(e.mass - 125));
  const randomKey = () => {
    const next = createRng(99);
    const keys = events.map(() => next());
    return (_: Event, i: number) => keys[i]!;
  };

  const cases: [string, MetricId, () => string][] = [
    ["ranked by |DER_mass_MMC − 125|", "ams", () => higgsSubmission(events, closeness, 0.15)],
    ["seeded random order", "ams", () => higgsSubmission(events, randomKey(), 0.15)],
    ["perfect", "ams", () => higgsSubmission(events, (e) => (e.signal ? 1 : 0), events.filter((e) => e.signal).length / events.length)],
    [
      "score = −|DER_mass_MMC − 125| (with ties at −999)",
      "auc",
      () => `EventId,score\n${events.map((e) => `${e.id},${closeness(e)}`).join("\n")}\n`,
    ],
  ];

  it.each(cases)(
    "%s (%s)",
    async (name, metricId, submission) => {
      const submissionPath = join(dir, `${metricId}-${cases.findIndex((c) => c[0] === name)}.csv`);
      writeFileSync(submissionPath, submission());
      const solution = await parseSolution(readFileSync(solutionPath));
      const ours = await scoreSubmission({ solution, submission: readFileSync(submissionPath), metricId });
      const run = spawnSync(python!, [join(ROOT, "bench/scoring-reference.py"), metricId, solutionPath, submissionPath], {
        encoding: "utf8",
      });
      expect(run.stderr).toBe("");
      const reference = JSON.parse(run.stdout) as Record<"Public" | "Private", Record<string, number>>;
      for (const subset of ["Public", "Private"] as const) {
        for (const [key, value] of Object.entries(reference[subset])) {
          const mine = ours[subset][key] as number;
          const scale = Math.max(Math.abs(value), 1e-300);
          expect(Math.abs(mine - value) / scale, `${subset}.${key}: ${mine} vs numpy ${value}`).toBeLessThan(1e-9);
        }
      }
      if (name === "perfect") {
        expect(ours.Public.s).toBeCloseTo(TOTALS.s, 6);
        expect(ours.Private.b).toBe(0);
      }
    },
    30_000,
  );
});
