/**
 * A detector-design submission scored for both leaderboards: the public score on
 * the published seed's PUBLIC_TRACKS tracks (anyone can reproduce it offline), the
 * private one on PRIVATE_TRACKS tracks from the challenge's secret key (an integer seed in challenges made
 * before keys, or typed by an organiser: then anyone who knows it can compute the private scores too).
 *
 * Example: the course's default geometry `{"schema":"straw-tracker/v1","y":[0,0,0],"z":[2,4,6]}`
 * gives Public { primary: 0.6598, std: 0.0047, efficiency: 0.6598, tracks: 10000, seed: 20240611, … }.
 */
import { parseDesign } from "./parse-design";
import { keyFromHex, type Seed } from "../shared/random";
import { PRIVATE_TRACKS, PUBLIC_SEED, PUBLIC_TRACKS, scoreDesign, type DesignScore } from "./simulate";

/**
 * The private leaderboard's seed in a dataset's secrets (`privateSeed`: 64 hex digits of a key, or an integer),
 * or a message saying what is wrong with it.
 */
export function privateSeedOf(secrets: Record<string, unknown> | undefined): Seed | string {
  const raw = secrets?.privateSeed;
  if (typeof raw === "string" && /^[0-9a-f]{64}$/i.test(raw)) return keyFromHex(raw);
  if (typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 0 && raw !== PUBLIC_SEED) return raw;
  return "expected a 64-hex-digit key (or a non-negative integer other than the public seed)";
}

export function scoreDesignSubmission(text: string, privateSeed: Seed): { Public: DesignScore; Private: DesignScore } {
  if (privateSeed === PUBLIC_SEED) throw new Error("the challenge's private seed equals the public one");
  const design = parseDesign(text);
  return {
    Public: scoreDesign(design, { seed: PUBLIC_SEED, tracks: PUBLIC_TRACKS }),
    Private: scoreDesign(design, { seed: privateSeed, tracks: PRIVATE_TRACKS }),
  };
}
