/** Public API of the detector-design challenge (straw-tube tracker). */
export {
  ACCEPTANCE_HALF_WIDTH,
  BUDGET,
  budgetPenalty,
  designCost,
  GENTLE_PENALTY_SLOPE,
  HARD_CAP,
  LAYER_COST,
  STEEP_PENALTY_SLOPE,
  TUBE_UNIT_COST,
} from "./cost";
export {
  type Design,
  type DesignV1,
  type DesignV2,
  DESIGN_RESOLUTION,
  designLayers,
  designSchema,
  designV1Schema,
  designV2Schema,
  LAYER_COUNT_RANGE,
  type Layer,
  layerSchema,
  PITCH_RANGE,
  RADIUS_RANGE,
  roundCoordinate,
  V1_PITCH,
  V1_RADIUS,
  V1_SCHEMA,
  V2_SCHEMA,
  Z_RANGE,
} from "./design-schema";
export { canonicalDesignJson, designHash } from "./design-hash";
export { CSV_HEADER, DesignError, type DesignIssue, parseDesign } from "./parse-design";
export {
  DRIFT_SMEARING,
  type DesignScore,
  GENERATOR,
  HIT_EFFICIENCY,
  INTERCEPT_TOLERANCE,
  isTie,
  MIN_FIT_HITS,
  PRIVATE_TRACKS,
  PUBLIC_SEED,
  PUBLIC_TRACKS,
  scoreDesign,
  type ScoreOptions,
  SIMULATOR_VERSION,
} from "./simulate";
export { MAX_SAMPLE_TRACKS, PICTURE_HALF_HEIGHT, type SampledTracks, sampleTracks, type TubePosition } from "./sample-tracks";
export { ANGLE_SIGMA, B_HALF_RANGE } from "./tracks";
export { bayesianOptimisation, designFromUnitCube, MAX_Z_GAP, type OptimisationResult, randomSearch } from "./optimise";
export { GaussianProcess, type GaussianProcessOptions } from "./gaussian-process";
export { detectorDescription } from "./description";
export { detectorBaselines, detectorBuiltIn } from "./built-in";
export { privateSeedOf, scoreDesignSubmission } from "./score-submission";
