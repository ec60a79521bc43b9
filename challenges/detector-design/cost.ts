/**
 * The published cost model of a straw-tube tracker (schema straw-tracker/v2) and
 * the budget penalty subtracted from its score.
 *
 * A layer covers the ±100 cm acceptance with 200 / pitch tubes; a tube costs
 * TUBE_UNIT_COST per cm of radius (straw material and gas volume grow with it)
 * and every layer adds LAYER_COST (frame, electronics crate, services). The tube
 * term is therefore 100 × (2r / pitch): proportional to the share of the layer
 * the tubes cover, at most 100 for a layer of touching tubes.
 *
 * Worked example: the course's layer (radius 1 cm, pitch 4 cm) costs
 * 200 / 4 × 1 × 1 + 20 = 70 units, so its four layers cost 280 — under the
 * budget of 400 — and pay the gentle penalty 0.05 × 280 / 400 = 0.035. Five
 * layers of touching 1 cm tubes (pitch 2) cost 5 × 120 = 600 and pay
 * 0.05 × 600 / 400 + 1 × 200 / 400 = 0.575.
 */

/** Half-width of the acceptance in y, cm: tracks start with b in [-100, 100]. */
export const ACCEPTANCE_HALF_WIDTH = 100;
/** Cost of one tube of radius 1 cm spanning the acceptance (cost units). */
export const TUBE_UNIT_COST = 1;
/** Fixed cost of a layer, whatever its tubes. */
export const LAYER_COST = 20;
/** Soft budget: above it the penalty rises steeply. */
export const BUDGET = 400;
/** Hard cap: designs costing more are rejected at validation. */
export const HARD_CAP = 800;
/** Penalty per budget's worth of cost, paid from the first unit (prefers cheaper designs at equal efficiency). */
export const GENTLE_PENALTY_SLOPE = 0.05;
/** Extra penalty per budget's worth of cost over the budget. */
export const STEEP_PENALTY_SLOPE = 1;

export interface CostedLayer {
  pitch: number;
  radius: number;
}

/** Cost of the tubes and frames of the given layers (cost units). */
export function designCost(layers: readonly CostedLayer[]): number {
  let cost = 0;
  for (const { pitch, radius } of layers) {
    cost += ((2 * ACCEPTANCE_HALF_WIDTH) / pitch) * TUBE_UNIT_COST * radius + LAYER_COST;
  }
  return cost;
}

/**
 * Penalty subtracted from the efficiency: continuous and piecewise linear, so
 * an optimiser sees a gentle slope below the budget and a steep one above it.
 */
export function budgetPenalty(cost: number): number {
  return GENTLE_PENALTY_SLOPE * (cost / BUDGET) + STEEP_PENALTY_SLOPE * (Math.max(0, cost - BUDGET) / BUDGET);
}
