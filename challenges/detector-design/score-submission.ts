/**
 * A detector-design submission scored for both leaderboards: the public score on
 * the published seed's PUBLIC_TRACKS tracks (anyone can reproduce it offline), the
 * private one on PRIVATE_TRACKS tracks from the challenge's secret seed.
 *
 * Example: the course's default geometry `{"schema":"straw-tracker/v1","y":[0,0,0],"z":[2,4,6]}`
 * gives Public { primary: 0.6531, std: 0.0048, efficiency: 0.6531, tracks: 10000, seed: 20240611, … }.
 */
import { parseDesign } from "./parse-design";
import { PRIVATE_TRACKS, PUBLIC_SEED, PUBLIC_TRACKS, scoreDesign, type DesignScore } from "./simulate";

export function scoreDesignSubmission(text: string, privateSeed: number): { Public: DesignScore; Private: DesignScore } {
  if (!Number.isInteger(privateSeed) || privateSeed === PUBLIC_SEED) throw new Error("the challenge's private seed is missing or equals the public one");
  const design = parseDesign(text);
  return {
    Public: scoreDesign(design, { seed: PUBLIC_SEED, tracks: PUBLIC_TRACKS }),
    Private: scoreDesign(design, { seed: privateSeed, tracks: PRIVATE_TRACKS }),
  };
}
