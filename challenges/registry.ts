import type { BuiltInChallenge } from "./built-in";
import { anomalyBuiltIn } from "./anomaly-detection/built-in";
import { detectorBuiltIn } from "./detector-design/built-in";
import { higgsBuiltIn } from "./higgs-tautau/built-in";

/** The challenges created at first start. */
export const builtInChallenges: BuiltInChallenge[] = [higgsBuiltIn, anomalyBuiltIn, detectorBuiltIn];
