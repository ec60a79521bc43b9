import type { BuiltInChallenge } from "./built-in";

/** The challenges created at first start. */
export const builtInChallenges: BuiltInChallenge[] = [];
