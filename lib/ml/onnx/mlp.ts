/**
 * The baseline's MLP ensemble (challenges/shared/baseline/mlp-network.ts) as standard operators: per member
 * Gemm → Relu → … → Gemm → Sigmoid, then the mean of the members' probabilities, as the trainer averages them.
 * Float32 throughout, like tfjs; the sums inside each Gemm run in another order than tfjs's, so probabilities agree
 * to float32 rounding, not bit for bit.
 *
 * Worked example: sizes [2, 1] with W = [[1], [-1]], b = [0] → one Gemm and a Sigmoid: x = [3, 1] gives σ(2) = 0.8808.
 */
import type { ModelExport } from "@/challenges/shared/baseline/types";
import { type GraphBuilder } from "@/lib/onnx/write-model";

type Mlp = Extract<ModelExport, { kind: "mlp" }>;

/** The ensemble's mean signal probability [N, 1] from the preprocessed float32 matrix `x`. */
export function mlpEnsemble(b: GraphBuilder, x: string, mlp: Mlp): string {
  const probabilities = mlp.members.map(({ sizes, weights }) => {
    if (weights.length !== 2 * (sizes.length - 1))
      throw new Error(`an MLP with ${sizes.length} layer sizes needs ${2 * (sizes.length - 1)} weight arrays, not ${weights.length}`);
    let h = x;
    for (let l = 0; l + 1 < sizes.length; l++) {
      const w = b.constant(weights[2 * l]!, [sizes[l]!, sizes[l + 1]!], "W");
      const bias = b.constant(weights[2 * l + 1]!, [sizes[l + 1]!], "B");
      h = b.node("Gemm", [h, w, bias]);
      if (l + 2 < sizes.length) h = b.node("Relu", [h]);
    }
    return b.node("Sigmoid", [h]);
  });
  return meanOf(b, probabilities);
}

/** The element-wise mean of float32 tensors (an ensemble's or a blend's probabilities). */
export function meanOf(b: GraphBuilder, tensors: string[]): string {
  if (tensors.length === 1) return tensors[0]!;
  return b.node("Div", [b.node("Sum", tensors), b.constant(Float32Array.of(tensors.length), [], "count")]);
}
