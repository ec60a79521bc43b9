/**
 * Seeded splits of a simulated sample, with Kaggle's weight renormalisation:
 * within every part (and every leaderboard subset) each class's weights are
 * scaled so they sum to the full totals, which keeps AMS values comparable
 * whatever the size of the part.
 */
import { USAGE_PRIVATE, USAGE_PUBLIC } from "../../scoring/solution";
import { Random, type Seed } from "../shared/random";
import { BACKGROUND_WEIGHT_TOTAL, type HiggsEvents, selectEvents, SIGNAL_WEIGHT_TOTAL } from "./schema";

// One definition of the Usage codes, shared with the scorer that reads them.
export { USAGE_PRIVATE, USAGE_PUBLIC } from "../../scoring/solution";

/** Boolean mask with exactly `count` of `n` entries set, chosen by a partial Fisher–Yates shuffle. */
function randomSubset(n: number, count: number, rng: Random): Uint8Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.uniform() * (n - i));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  const mask = new Uint8Array(n);
  for (let i = 0; i < count; i++) mask[order[i] as number] = 1;
  return mask;
}

/**
 * Weights of the events in each group (group[i] = 0 means "not in any group")
 * scaled per group and class to the full class totals.
 */
export function renormaliseWeights(events: HiggsEvents, group: Uint8Array): Float64Array {
  const sums = new Map<number, number>();
  const key = (i: number): number => (group[i] as number) * 2 + (events.label[i] as number);
  for (let i = 0; i < group.length; i++) {
    if (group[i] === 0) continue;
    sums.set(key(i), (sums.get(key(i)) ?? 0) + (events.weight[i] as number));
  }
  return Float64Array.from(events.weight, (w, i) => {
    if (group[i] === 0) return w;
    const total = events.label[i] === 1 ? SIGNAL_WEIGHT_TOTAL : BACKGROUND_WEIGHT_TOTAL;
    return (w * total) / (sums.get(key(i)) as number);
  });
}

export interface TestSplit {
  /** 1 = Public, 2 = Private. */
  usage: Uint8Array;
  /** Weights renormalised per subset and class to the full totals. */
  weight: Float64Array;
}

/** Public/private leaderboard split of a test set (Kaggle: 18% public). */
export function splitTestSet(events: HiggsEvents, { seed, publicFraction = 0.18 }: { seed: Seed; publicFraction?: number }): TestSplit {
  if (!(publicFraction > 0 && publicFraction < 1)) throw new RangeError(`publicFraction must be in (0, 1), got ${publicFraction}`);
  const n = events.label.length;
  const isPublic = randomSubset(n, Math.round(n * publicFraction), new Random(seed).fork(0x5e1));
  const usage = Uint8Array.from(isPublic, (p) => (p ? USAGE_PUBLIC : USAGE_PRIVATE));
  return { usage, weight: renormaliseWeights(events, usage) };
}

/**
 * Train/test split of one simulated sample; each part keeps the original event
 * order and has its weights renormalised to the full class totals.
 */
export function trainTestSplit(
  events: HiggsEvents,
  { seed, testFraction }: { seed: Seed; testFraction: number },
): { train: HiggsEvents; test: HiggsEvents } {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`testFraction must be in (0, 1), got ${testFraction}`);
  const n = events.label.length;
  const isTest = randomSubset(n, Math.round(n * testFraction), new Random(seed).fork(0x7e57));
  const part = (flag: number): HiggsEvents => {
    const indices = Int32Array.from({ length: n }, (_, i) => i).filter((i) => isTest[i] === flag);
    const selected = selectEvents(events, indices);
    selected.weight = renormaliseWeights(selected, new Uint8Array(indices.length).fill(1));
    return selected;
  };
  return { train: part(0), test: part(1) };
}
