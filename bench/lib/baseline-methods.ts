/**
 * The methods bench/baseline.ts compares on one train/test split, each returning test scores and the threshold it
 * chose on its validation set (the same stratified split and the same bestCut for all, so only the model differs):
 * a cut-based selection, the tfjs and XGBoost baselines, and scikit-learn's HistGradientBoostingClassifier run by
 * Debian's python3 on the XGBoost family's features.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { transformEvents } from "../../challenges/higgs-tautau/baseline/preprocess";
import { predictBlend, trainHiggsBlend } from "../../challenges/higgs-tautau/baseline/blend";
import { predictHiggs, prepareHiggsTraining, trainHiggsBaseline } from "../../challenges/higgs-tautau/baseline/train";
import type { HiggsEvents } from "../../challenges/higgs-tautau/schema";
import { tfjsMlpFamily } from "../../challenges/shared/baseline/tfjs-mlp";
import type { ModelFamily } from "../../challenges/shared/baseline/types";
import { bestCut } from "../../challenges/shared/baseline/validation-metrics";
import { loadXgboost } from "../../lib/ml/xgboost";
import { xgboostFamily } from "../../lib/ml/xgboost-family";

export interface MethodRun {
  testScores: Float32Array;
  threshold: number;
  trainSeconds: number;
}

export interface Method {
  name: string;
  run(train: HiggsEvents, test: HiggsEvents, seed: number): Promise<MethodRun>;
}

export const PYTHON = "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("./sklearn-reference.py", import.meta.url));
/** The Higgs mass the window is centred on, in GeV. */
const HIGGS_MASS = 125;

/** Mass window: score = −|DER_mass_MMC − 125| (events without a mass last); the window width is the cut. */
const cutBased: Method = {
  name: "cut: |MMC − 125| window",
  async run(train, test, seed) {
    const started = performance.now();
    const { data, preprocessor } = prepareHiggsTraining(train, "raw", { seed });
    const mmc = preprocessor.columns.findIndex((c) => c.name === "DER_mass_MMC");
    const score = (X: Float32Array, rows: number, cols: number) =>
      Float32Array.from({ length: rows }, (_, i) => {
        const m = X[i * cols + mmc]!;
        return Number.isNaN(m) ? -1e9 : -Math.abs(m - HIGGS_MASS);
      });
    const v = data.validation;
    const threshold = bestCut(score(v.X, v.rows, v.cols), v.label, v.amsWeight).threshold;
    const t = transformEvents(preprocessor, test);
    return { testScores: score(t.X, t.rows, t.cols), threshold, trainSeconds: (performance.now() - started) / 1000 };
  },
};

function familyMethod(name: string, family: ModelFamily): Method {
  return {
    name,
    async run(train, test, seed) {
      const fitted = await trainHiggsBaseline(family, train, { seed }, () => {});
      try {
        return { testScores: predictHiggs(fitted, test), threshold: fitted.cut.threshold, trainSeconds: fitted.card.trainingSeconds };
      } finally {
        fitted.model.dispose();
      }
    },
  };
}

/** The mean of several families' probabilities, cut on the same validation events (the trainer's `blend`). */
function blendMethod(name: string, families: ModelFamily[]): Method {
  return {
    name,
    async run(train, test, seed) {
      const started = performance.now();
      const blend = await trainHiggsBlend(families, train, { seed }, () => {});
      try {
        return {
          testScores: predictBlend(blend, test),
          threshold: blend.cut.threshold,
          trainSeconds: (performance.now() - started) / 1000,
        };
      } finally {
        for (const m of blend.members) m.model.dispose();
      }
    },
  };
}

const sklearn: Method = {
  name: "scikit-learn HistGradientBoosting",
  async run(train, test, seed) {
    const { data, preprocessor } = prepareHiggsTraining(train, "raw", { seed });
    const t = transformEvents(preprocessor, test);
    const dir = mkdtempSync(path.join(os.tmpdir(), "sklearn-ref-"));
    try {
      const write = (name: string, a: Float32Array) =>
        writeFileSync(path.join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      write("train_x", data.train.X);
      write("train_y", Float32Array.from(data.train.label));
      write("train_w", data.train.weight);
      write("validation_x", data.validation.X);
      write("test_x", t.X);
      const rows = { train: data.train.rows, validation: data.validation.rows, test: t.rows };
      writeFileSync(path.join(dir, "config.json"), JSON.stringify({ rows, cols: t.cols, seed, max_iter: 300 }));
      const run = spawnSync(PYTHON, [SCRIPT, dir], { encoding: "utf8" });
      if (run.status !== 0) throw new Error(`${PYTHON} ${SCRIPT} failed: ${run.stderr}`);
      const read = (name: string) => new Float32Array(readFileSync(path.join(dir, name)).buffer.slice(0));
      const v = data.validation;
      const threshold = bestCut(read("validation_p"), v.label, v.amsWeight).threshold;
      return { testScores: read("test_p"), threshold, trainSeconds: (JSON.parse(run.stdout) as { fit_seconds: number }).fit_seconds };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** Every method available here, with a note for each one that is not. */
export function availableMethods(): { methods: Method[]; notes: string[] } {
  const notes: string[] = [];
  const methods = [cutBased, familyMethod("tfjs MLP ensemble", tfjsMlpFamily())];
  const { xgb, reason } = loadXgboost();
  if (xgb)
    methods.push(
      familyMethod("XGBoost", xgboostFamily(xgb)),
      blendMethod("blend: XGBoost + tfjs MLP", [xgboostFamily(xgb), tfjsMlpFamily()]),
    );
  else notes.push(`XGBoost skipped: ${reason}`);
  const probe = spawnSync(PYTHON, ["-c", "import sklearn"], { encoding: "utf8" });
  if (probe.status === 0) methods.push(sklearn);
  else notes.push(`scikit-learn skipped: ${PYTHON} cannot import sklearn (${(probe.stderr || String(probe.error)).trim()})`);
  return { methods, notes };
}
