/**
 * A trained Higgs baseline (one family, or a blend of several) as one ONNX model that takes test.csv's 30 features
 * as float32 [N, 30] (−999 as is) and gives the signal probability [N, 1]: the preprocessing, the model, and the
 * blend's mean, with the cut chosen on validation in metadata_props "threshold". Submitted through the model path,
 * it scores as the baseline's own predictions do; it is also the worked example competitors download.
 */
import type { HiggsBaseline } from "@/challenges/higgs-tautau/baseline/train";
import { HIGGS_FEATURES } from "@/challenges/higgs-tautau/schema";
import { THRESHOLD_METADATA_KEY } from "@/challenges/shared/model-contract";
import { ELEM_FLOAT, GraphBuilder } from "@/lib/onnx/write-model";
import { higgsPreprocess } from "./higgs-preprocess";
import { meanOf, mlpEnsemble } from "./mlp";
import { xgboostTrees } from "./xgboost-trees";

export const BASELINE_INPUT = "features";
export const BASELINE_OUTPUT = "probability";

/** Operator set versions the exported models use (onnxruntime 1.30 runs ai.onnx up to 23 and ai.onnx.ml up to 5). */
const OPSETS = { "": 17, "ai.onnx.ml": 3 };

export function exportHiggsBaseline(
  members: Pick<HiggsBaseline, "model" | "preprocessor">[],
  threshold: number,
  description: string,
): Uint8Array {
  const b = new GraphBuilder();
  const x = b.input(BASELINE_INPUT, ELEM_FLOAT, ["N", HIGGS_FEATURES.length]);
  const probabilities = members.map(({ model, preprocessor }) => {
    const features = higgsPreprocess(b, x, preprocessor);
    const exported = model.exportModel();
    return exported.kind === "xgboost-json"
      ? xgboostTrees(b, features, exported.json, exported.rounds).probability
      : mlpEnsemble(b, features, exported);
  });
  b.nodeTo([BASELINE_OUTPUT], "Identity", [meanOf(b, probabilities)]);
  b.output(BASELINE_OUTPUT, ELEM_FLOAT, ["N", 1]);
  return b.model({
    opsets: OPSETS,
    graphName: "higgs_baseline",
    docString: `${description}. Input: the ${HIGGS_FEATURES.length} features of test.csv in its column order, float32, −999 as is. Output: the signal probability.`,
    metadata: { [THRESHOLD_METADATA_KEY]: String(threshold), features: HIGGS_FEATURES.join(",") },
  });
}
