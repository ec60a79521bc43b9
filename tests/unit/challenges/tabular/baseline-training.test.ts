/**
 * The tabular baselines learn: on small seeded samples of the two tabular built-ins and a synthetic binary task, each
 * family beats the trivial answer by a clear margin on the test events (class priors for the log-loss; the mean and
 * the visible mass for the mass resolution); and each trains with train.csv's Weight column.
 */
import { describe, expect, it } from "vitest";
import type { BuiltInChallenge } from "@/challenges/built-in";
import { HIGGS_FEATURES, HIGGS_PROCESSES } from "@/challenges/higgs-tautau/schema";
import { Random } from "@/challenges/shared/random";
import type { TabularFamily } from "@/challenges/tabular/baseline/family";
import { tabularMlpFamily } from "@/challenges/tabular/baseline/mlp";
import { trainTabular } from "@/challenges/tabular/baseline/pipeline";
import { readTabularData } from "@/challenges/tabular/baseline/table";
import { tabularTask, type TabularTask } from "@/challenges/tabular/baseline/task";
import { massBuiltIn } from "@/challenges/tabular/higgs-mass";
import { processesBuiltIn } from "@/challenges/tabular/higgs-processes";
import { tabularXgboostFamily } from "@/lib/ml/tabular-xgboost";
import { initTfBackend } from "@/lib/ml/tf-backend";
import { loadXgboost } from "@/lib/ml/xgboost";
import { logLoss } from "@/scoring/metrics/log-loss";
import { massResolution } from "@/scoring/metrics/mass-resolution";

const loaded = loadXgboost();
if (!loaded.xgb) console.warn(`Tabular XGBoost baseline tests skipped: ${loaded.reason}`);
const families: [string, () => TabularFamily][] = [["tfjs", () => tabularMlpFamily({ epochs: 30 })]];
if (loaded.xgb) families.push(["xgboost", () => tabularXgboostFamily(loaded.xgb, { rounds: 150 })]);

/** A built-in at `scale` of its size (a tenth: 2,000 train and 2,000 test events), as the trainer reads it. */
async function builtIn(spec: BuiltInChallenge, scale = 0.1) {
  const data = spec.generate(scale, 2026);
  const text = (name: string) => [...data.files.find((f) => f.filename === name)!.chunks].join("");
  const test = text("test.csv");
  const task = tabularTask(data.solution.target!, spec.metricId);
  return {
    task,
    solution: data.solution,
    testCsv: test,
    table: await readTabularData({ train: new TextEncoder().encode(text("train.csv")), test: new TextEncoder().encode(test) }, task),
  };
}

const processes = builtIn(processesBuiltIn);
// The mass task at a quarter (5,000 and 5,000 events): at a tenth, the tfjs model's resolution and the visible mass's
// were 0.125 and 0.140 with one version of the simulator and 0.133 and 0.132 with the next, a margin inside the noise.
const mass = builtIn(massBuiltIn, 0.25);

/** Prior log-loss: the test events' own class frequencies as a constant answer (the best constant there is). */
function priorLogLoss(label: Uint8Array, k: number): number {
  const prior = new Float64Array(k);
  label.forEach((c) => (prior[c]! += 1 / label.length));
  return logLoss({
    type: "multiclass",
    target: label,
    prediction: Float64Array.from({ length: label.length * k }, (_, i) => prior[i % k]!),
    classes: k,
    weights: null,
  });
}

describe.each(families)("the %s tabular baseline", (_name, family) => {
  it("identifies the six processes with a log-loss well below the class priors'", async () => {
    await initTfBackend();
    const { task, solution, table } = await processes;
    const k = (task as Extract<TabularTask, { type: "multiclass" }>).classes.length;
    const result = await trainTabular(family(), table, task, { seed: 1 }, () => undefined);
    const model = logLoss({ type: "multiclass", target: solution.label, prediction: result.testPredictions, classes: k, weights: null });
    const prior = priorLogLoss(solution.label, k);
    expect(prior).toBeGreaterThan(1.5);
    // Measured 0.78 (XGBoost) and 0.89 (tfjs) against 1.61 at this size.
    expect(model).toBeLessThan(prior - 0.5);
    expect(result.csv.split("\n", 1)[0]).toBe(`EventId,${HIGGS_PROCESSES.join(",")}`);
  });

  it("regresses the di-τ mass with a resolution below the mean's and the visible mass's", async () => {
    await initTfBackend();
    const { task, solution, table, testCsv } = await mass;
    const result = await trainTabular(family(), table, task, { seed: 1 }, () => undefined);
    const truth = solution.value!;
    const resolution = (prediction: Float64Array) =>
      massResolution({ type: "real", target: truth, prediction, classes: 0, weights: null }).resolution;
    const mean = truth.reduce((a, b) => a + b, 0) / truth.length;
    const visColumn = 1 + HIGGS_FEATURES.indexOf("DER_mass_vis");
    const visible = Float64Array.from(testCsv.trim().split("\n").slice(1), (line) => Number(line.split(",")[visColumn]));
    const [model, constant, vis] = [
      resolution(result.testPredictions),
      resolution(new Float64Array(truth.length).fill(mean)),
      resolution(visible),
    ];
    // Measured 0.115 (XGBoost) and 0.122 (tfjs) against 0.180 (mean) and 0.135 (visible mass) at this size.
    expect(model).toBeLessThan(0.85 * constant);
    expect(model).toBeLessThan(vis);
    expect(result.card).toMatchObject({
      task: "regression (relative error)",
      targetColumn: "m_tautau",
      trainEvents: 4000,
      validationEvents: 1000,
      testEvents: 5000,
    });
  });

  it("separates a synthetic binary class with missing values better than the prior", async () => {
    await initTfBackend();
    const rng = new Random(5);
    const row = () => {
      const [a, b] = [rng.normal(), rng.normal()];
      const label = a + b * b + 0.3 * rng.normal() > 1 ? 1 : 0;
      return { a, b: rng.uniform() < 0.2 ? -999 : b, label };
    };
    const csv = (rows: ReturnType<typeof row>[], withLabel: boolean) =>
      `${withLabel ? "EventId,a,b,Label" : "EventId,a,b"}\n${rows.map((r, i) => [i, r.a, r.b, ...(withLabel ? [r.label] : [])].join(",")).join("\n")}\n`;
    const train = Array.from({ length: 1500 }, row);
    const test = Array.from({ length: 1500 }, row);
    const task = { type: "binary" } as const;
    const table = await readTabularData(
      { train: new TextEncoder().encode(csv(train, true)), test: new TextEncoder().encode(csv(test, false)) },
      task,
    );
    const result = await trainTabular(family(), table, task, { seed: 1 }, () => undefined);
    const label = Uint8Array.from(test, (r) => r.label);
    const p = label.reduce((s, v) => s + v, 0) / label.length;
    const prior = -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
    const model = logLoss({ type: "binary", target: label, prediction: result.testPredictions, classes: 2, weights: null });
    expect(model).toBeLessThan(0.6 * prior);
    expect(result.csv.split("\n", 2)).toEqual(["EventId,score", `0,${String(Math.fround(result.testPredictions[0]!))}`]);
  });

  it("trains with train.csv's Weight: weighting flips the decision of each group", async () => {
    await initTfBackend();
    // Group x = 1: 70% label 1 (weight 1), 30% label 0 (weight 4), so P(1) = 0.7 by count and 0.7 / (0.7 + 1.2) = 0.37
    // by weight; group x = −1 mirrors it: 0.3 by count, 0.63 by weight.
    const rows = Array.from({ length: 4000 }, (_, i) => {
      const x = i < 2000 ? 1 : -1;
      const label = i % 2000 < 1400 ? (x === 1 ? 1 : 0) : x === 1 ? 0 : 1;
      return { x, label, weight: (x === 1) === (label === 1) ? 1 : 4 };
    });
    const order = new Random(9).permutation(rows.length);
    const lines = Array.from(order, (r, i) => `${i},${rows[r]!.x},${rows[r]!.weight},${rows[r]!.label}`);
    const task = { type: "binary" } as const;
    const test = new TextEncoder().encode("EventId,x\n1,1\n2,-1\n");
    const fit = async (train: string) =>
      (
        await trainTabular(
          family(),
          await readTabularData({ train: new TextEncoder().encode(train), test }, task),
          task,
          { seed: 1 },
          () => undefined,
        )
      ).testPredictions;
    const weighted = await fit(`EventId,x,Weight,Label\n${lines.join("\n")}\n`);
    const counted = await fit(`EventId,x,Label\n${lines.map((l) => l.replace(/,[14],([01])$/, ",$1")).join("\n")}\n`);
    expect([...counted]).toEqual([expect.closeTo(0.7, 1), expect.closeTo(0.3, 1)]);
    expect([...weighted]).toEqual([expect.closeTo(0.37, 1), expect.closeTo(0.63, 1)]);
  });
});
