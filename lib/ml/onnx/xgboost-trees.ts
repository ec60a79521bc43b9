/**
 * An XGBoost binary:logistic model (libxgboost's JSON format, 1.x) as an ai.onnx.ml TreeEnsembleRegressor giving
 * the margin, followed by XGBoost's logistic. XGBoost sends a value left when `x < split_condition` (BRANCH_LT), a missing
 * (NaN) value the way default_left says (nodes_missing_value_tracks_true), and keeps a leaf's value in its
 * split_conditions entry. Split values and leaves are float32 in both, so every event reaches the same leaves.
 *
 * The base margin is folded into the first tree's leaves: XGBoost sums base + tree 1 + tree 2 + … in float32, and
 * onnxruntime sums the trees and adds base_values last; folding makes both the same sequence of float32 additions.
 *
 * Worked example: a stump split_indices [0], split_conditions [0.5, -0.2, 0.3], left/right children [1, 2]/[-1, -1],
 * default_left [1], base score 0.5 (margin 0) → x0 = 0.2 or NaN gives margin −0.2, x0 = 0.7 gives 0.3.
 */
import { ELEM_DOUBLE, ELEM_FLOAT, type GraphBuilder } from "@/lib/onnx/write-model";

interface XgbTree {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: number[];
  split_type?: number[];
}

interface XgbModel {
  learner: {
    learner_model_param: { base_score: string; num_class: string; num_target?: string };
    objective: { name: string };
    gradient_booster: { name: string; model: { trees: XgbTree[]; gbtree_model_param: { num_parallel_tree: string } } };
  };
}

/** The margin XGBoost starts from: logit(base_score), computed in float32 as XGBoost's ProbToMargin does. */
function baseMargin(baseScore: number): number {
  return Math.fround(-Math.log(Math.fround(Math.fround(1 / Math.fround(baseScore)) - 1)));
}

export interface TreeSummary {
  trees: number;
  nodes: number;
}

/**
 * Appends the ensemble of the first `rounds` trees; returns the probability tensor [N, 1] computed from `x`, a
 * float32 [N, features] matrix with NaN as missing, and the size of what was written.
 */
export function xgboostTrees(b: GraphBuilder, x: string, json: string, rounds: number): { probability: string; summary: TreeSummary } {
  const model = JSON.parse(json) as XgbModel;
  const { learner } = model;
  if (learner.objective.name !== "binary:logistic")
    throw new Error(`only binary:logistic models can be exported, not ${learner.objective.name}`);
  if (learner.gradient_booster.name !== "gbtree")
    throw new Error(`only gbtree boosters can be exported, not ${learner.gradient_booster.name}`);
  const perRound = Number(learner.gradient_booster.model.gbtree_model_param.num_parallel_tree);
  const trees = learner.gradient_booster.model.trees.slice(0, rounds * perRound);
  const base = baseMargin(Number(learner.learner_model_param.base_score));

  const a = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    featureIds: [] as number[],
    modes: [] as string[],
    values: [] as number[],
    trueIds: [] as number[],
    falseIds: [] as number[],
    missingTrue: [] as number[],
    targetTree: [] as number[],
    targetNode: [] as number[],
    targetWeight: [] as number[],
  };
  trees.forEach((t, treeId) => {
    if (t.split_type?.some((s) => s !== 0)) throw new Error("categorical splits cannot be exported");
    for (let n = 0; n < t.left_children.length; n++) {
      const leaf = t.left_children[n] === -1;
      a.treeIds.push(treeId);
      a.nodeIds.push(n);
      a.featureIds.push(leaf ? 0 : t.split_indices[n]!);
      a.modes.push(leaf ? "LEAF" : "BRANCH_LT");
      a.values.push(leaf ? 0 : t.split_conditions[n]!);
      a.trueIds.push(leaf ? 0 : t.left_children[n]!);
      a.falseIds.push(leaf ? 0 : t.right_children[n]!);
      a.missingTrue.push(leaf ? 0 : t.default_left[n]!);
      if (leaf) {
        a.targetTree.push(treeId);
        a.targetNode.push(n);
        const value = Math.fround(t.split_conditions[n]!);
        a.targetWeight.push(treeId === 0 ? Math.fround(base + value) : value);
      }
    }
  });
  const margin = b.node(
    "TreeEnsembleRegressor",
    [x],
    {
      n_targets: { i: 1 },
      nodes_treeids: { ints: a.treeIds },
      nodes_nodeids: { ints: a.nodeIds },
      nodes_featureids: { ints: a.featureIds },
      nodes_modes: { strings: a.modes },
      nodes_values: { floats: a.values },
      nodes_truenodeids: { ints: a.trueIds },
      nodes_falsenodeids: { ints: a.falseIds },
      nodes_missing_value_tracks_true: { ints: a.missingTrue },
      target_treeids: { ints: a.targetTree },
      target_nodeids: { ints: a.targetNode },
      target_ids: { ints: a.targetTree.map(() => 0) },
      target_weights: { floats: a.targetWeight },
      aggregate_function: { s: "SUM" },
      post_transform: { s: "NONE" },
    },
    "ai.onnx.ml",
  );
  return { probability: xgboostSigmoid(b, margin), summary: { trees: trees.length, nodes: a.nodeIds.length } };
}

/**
 * XGBoost's logistic as it computes it (common::Sigmoid: 1 / (expf(min(−x, 88.7)) + 1) in float32), rather than
 * the Sigmoid operator, whose fast approximation differs in the last bit. The exponential is taken in float64 and
 * rounded, which is what a correctly rounded expf returns.
 */
function xgboostSigmoid(b: GraphBuilder, margin: string): string {
  const clamped = b.node("Min", [b.node("Neg", [margin]), b.constant(Float32Array.of(88.7), [], "clamp")]);
  const exp = b.node("Cast", [b.node("Exp", [b.node("Cast", [clamped], { to: { i: ELEM_DOUBLE } })])], { to: { i: ELEM_FLOAT } });
  return b.node("Reciprocal", [b.node("Add", [exp, b.constant(Float32Array.of(1), [], "one")])]);
}
