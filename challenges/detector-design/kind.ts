/** Detector design: a straw-tracker layout, simulated by the server on public and private tracks (no answer key). */
import type { ChallengeKind } from "../kind";
import { detectorBuiltIn } from "./built-in";
import { detectorDescription } from "./description";
import { privateSeedOf, scoreDesignSubmission } from "./score-submission";

export const detectorKind: ChallengeKind = {
  id: "detector-design",
  label: "Detector design (straw tracker)",
  category: "Detector design",
  metrics: ["design-score"],
  scoring: { by: "simulation" },
  score: ({ submission, secrets }) => {
    // The private seed (a key) is the secret the private leaderboard is simulated from.
    const seed = privateSeedOf(secrets);
    if (typeof seed === "string") throw new Error(`secrets.privateSeed: ${seed}`);
    return scoreDesignSubmission(new TextDecoder().decode(submission), seed);
  },
  answerKey: null,
  // The example designs count lines, as the generator does.
  fileRows: "lines",
  secretsIssues: (secrets) => {
    const seed = privateSeedOf(secrets);
    return typeof seed === "string" ? [`secrets.privateSeed: a detector-design bundle needs its private leaderboard's seed, ${seed}`] : [];
  },
  description: detectorDescription,
  reference: /^## (Geometry|Version 1|Version 2|Submitting and ranking)/,
  simulate: { sized: false, maxTrain: 0, maxTest: 0, generate: (r) => detectorBuiltIn.generate(1, r.seed) },
  // A design is simulated, not compared with the data: new data leave every submission valid, to be scored again.
  regenerate: "rescore",
  builtIns: [detectorBuiltIn],
  pages: {
    uploads: "designs",
    submitIntro: "Submit a detector design: the server simulates it on the public and private tracks. ",
    submitExample: '{"schema": "straw-tracker/v1", "y": [0, 0, 0], "z": [2, 4, 6]}',
    designPicture: true,
  },
};
