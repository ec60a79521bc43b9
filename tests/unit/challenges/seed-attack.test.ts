/**
 * The attack that rebuilt the Higgs answer key, mounted against the platform's own generator: take a challenge's
 * public test.csv, regenerate the dataset for every candidate seed within a budget (all small integers and the
 * seed-like values an installation might use) and look for one whose test.csv matches. Against data made from a
 * fresh 256-bit key (what every challenge gets unless its organiser types a seed) it finds nothing; the positive
 * control shows the very same probe does find typed seeds inside its budget, with every label. The key space
 * itself is asserted: every one of the key's 256 bits changes the stream (nothing folds it to fewer bits).
 */
import { describe, expect, it } from "vitest";
import { generateAnomalyDataset } from "@/challenges/anomaly-detection";
import type { GeneratedDataset } from "@/challenges/built-in";
import { generateHiggsDataset } from "@/challenges/higgs-tautau/built-in";
import { KEY_BYTES } from "@/challenges/shared/chacha20";
import { Random, type Seed } from "@/challenges/shared/random";
import { freshDataKey } from "@/lib/challenges/create-challenge";

const fileText = (data: GeneratedDataset, name: string) => Array.from(data.files.find((f) => f.filename === name)!.chunks).join("");

/** Small datasets, so that the probe can afford thousands of candidates. */
const higgs = (seed: Seed) => generateHiggsDataset({ seed, trainEvents: 10, testEvents: 20 });
const anomaly = (seed: Seed) =>
  generateAnomalyDataset({ seed, trainEvents: 10, testEvents: 100, controlEvents: 10, signalFraction: 0.2, publicFraction: 0.5 });

/** All integers below BUDGET, and the seed-like values an installation or organiser might have used. */
const BUDGET = 1024;
/** The probe regenerates ~1,000 datasets per test: seconds, more on a loaded machine. */
const PROBE_MS = 120_000;
const SEED_LIKE = [2 ** 31 - 1, 2 ** 32 - 1, 2014, 2020, 2024, 2026, 20_240_611, 20_261_204, 42, 1337, 31_337, 123_456_789];
const CANDIDATES = [...Array.from({ length: BUDGET }, (_, i) => i), ...SEED_LIKE];

/** The attacker's probe: every candidate whose regenerated test.csv is the published one, byte for byte. */
function probe(publishedTestCsv: string, regenerate: (seed: number) => GeneratedDataset): number[] {
  const prefix = publishedTestCsv.slice(0, 200);
  return CANDIDATES.filter((seed) => {
    const text = fileText(regenerate(seed), "test.csv");
    return text.startsWith(prefix) && text === publishedTestCsv;
  });
}

describe.each([
  ["Higgs", higgs],
  ["anomaly detection", anomaly],
] as const)("the seed-search attack on %s data", (_kind, generate) => {
  it(
    `finds nothing among ${CANDIDATES.length} candidate seeds when the data come from a fresh key`,
    () => {
      const victim = generate(freshDataKey());
      const found = probe(fileText(victim, "test.csv"), generate);
      console.log(`${_kind}: probe over ${CANDIDATES.length} candidates against a keyed dataset found ${found.length}`);
      expect(found).toEqual([]);
    },
    PROBE_MS,
  );

  it(
    "finds a typed seed inside its budget, and with it every label (the positive control)",
    () => {
      const typed = 777;
      const victim = generate(typed);
      const found = probe(fileText(victim, "test.csv"), generate);
      console.log(`${_kind}: probe against typed seed ${typed} found ${JSON.stringify(found)}`);
      expect(found).toEqual([typed]);
      const rebuilt = generate(found[0]!).solution;
      expect(Array.from(rebuilt.label)).toEqual(Array.from(victim.solution.label));
      expect(Array.from(rebuilt.usage)).toEqual(Array.from(victim.solution.usage));
    },
    PROBE_MS,
  );
});

describe("the generator's key space", () => {
  it("is 256 bits, every one of which changes the stream (no fold to fewer bits)", () => {
    expect(KEY_BYTES * 8).toBeGreaterThanOrEqual(128);
    const key = freshDataKey();
    expect(key).toHaveLength(32);
    const first = (k: Uint8Array) =>
      Array.from(
        { length: 4 },
        (
          (r) => () =>
            r.nextUint32()
        )(new Random(k)),
      ).join(",");
    const outputs = new Set([first(key)]);
    for (let bit = 0; bit < 256; bit++) {
      const flipped = Uint8Array.from(key);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      outputs.add(first(flipped));
    }
    // 257 keys, 257 different 128-bit prefixes: had any bit been ignored, two would coincide.
    expect(outputs.size).toBe(257);
  });

  it("draws a fresh key every time (32 bytes from the OS's CSPRNG)", () => {
    const keys = new Set(Array.from({ length: 100 }, () => Buffer.from(freshDataKey()).toString("hex")));
    expect(keys.size).toBe(100);
  });

  it("keeps derived streams keyed by 256 bits: sub-sample keys differ for keys one bit apart", () => {
    const key = freshDataKey();
    const flipped = Uint8Array.from(key);
    flipped[31]! ^= 0x80;
    expect(new Random(key).forkKey(1)).not.toEqual(new Random(flipped).forkKey(1));
    expect(new Random(key).forkKey(1)).toHaveLength(32);
  });
});
