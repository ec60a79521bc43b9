/** Public API of the anomaly-detection challenge kind (pure: parameters or parsed lines in, datasets out). */
export {
  ANOMALY_DEFAULTS,
  anomalyBuiltIn,
  generateAnomalyDataset,
  generateBlackBox,
  type AnomalyDatasetOptions,
  type BlackBoxOptions,
} from "./built-in";
export { eventsCsv, featuresCsv, formatFeature, labelledCsv, publishedValue, sampleSubmissionCsv } from "./csv";
export { type AnomalyDataset, DEFAULT_PUBLIC_FRACTION, FIRST_EVENT_ID, usageHash, USAGE_CONTROL } from "./dataset";
export { anomalyDescription } from "./description";
export { datasetFromLhco, type LhcoDatasetOptions } from "./importer/lhco-dataset";
export { LHCO_HEADERS, linesOf, parseLhcoCsv, type LhcoParseOptions } from "./importer/lhco-csv";
export { ANOMALY_FEATURES, type AnomalyEvents, countSignal, FEATURE } from "./schema";
export { type AnomalyParams, DEFAULT_ANOMALY_PARAMS, SIGNAL_REGION } from "./simulator/params";
export {
  ANOMALY_SIMULATOR_VERSION,
  type AnomalyManifest,
  replayAnomalyManifest,
  simulateAnomaly,
  type SimulateAnomalyOptions,
} from "./simulator/simulate";
export { MASS_SCULPTING_THRESHOLD, massSculpting, type MassSculptingResult } from "../../scoring/metrics/mass-sculpting";
export { MASS_SCULPTING_GATE, MIN_CONTROL_EVENTS, scoreAnomalySubmission } from "./score-submission";
export { gateBins, MIN_EVENTS_PER_GATE_BIN } from "../../scoring/metrics/mass-sculpting";
