import { anomalyDescription, datasetFromLhco, linesOf, MIN_CONTROL_EVENTS, parseLhcoCsv } from "@/challenges/anomaly-detection";
import { anomalyKind } from "@/challenges/anomaly-detection/kind";
import type { Db } from "@/db/client";
import { createChallengeWithDataset, type ChallengeSettings, freshDataKey } from "./create-challenge";

const DAY_MS = 86_400_000;

export interface LhcoImportOptions {
  slug: string;
  title: string;
  summary?: string;
  /** Background events of the training file hidden among the test events for the mass-sculpting gate. */
  controlEvents?: number;
  /** Secret unless given: with it, the hidden control events and subsets could be recomputed. */
  seed?: number;
  publicFraction?: number;
  settings?: ChallengeSettings;
}

/**
 * The LHC Olympics 2020 R&D features (train and test files as text chunks) as a Track A anomaly-detection
 * challenge: both files are parsed and checked completely (errors name the file and line) before one transaction
 * writes the challenge. The training file's signal events are dropped; its background supplies the control events.
 */
export async function importLhcoChallenge(
  db: Db,
  files: { train: AsyncIterable<string> | Iterable<string>; test: AsyncIterable<string> | Iterable<string>; trainName: string; testName: string },
  opts: LhcoImportOptions,
) {
  const t0 = performance.now();
  const train = await parseLhcoCsv(linesOf(files.train), { fileName: files.trainName });
  const test = await parseLhcoCsv(linesOf(files.test), { fileName: files.testName });
  const data = datasetFromLhco(train, test, { seed: opts.seed ?? freshDataKey(), controlEvents: opts.controlEvents ?? MIN_CONTROL_EVENTS, publicFraction: opts.publicFraction });
  const parsed = performance.now();
  const challenge = await createChallengeWithDataset(
    db,
    {
      slug: opts.slug,
      kind: anomalyKind.id,
      title: opts.title,
      summary: opts.summary ?? "Find the anomaly in the LHC Olympics 2020 R&D dataset without labels.",
      description: anomalyDescription,
      metricId: "eff-at-1e-3",
      config: { track: "A", imported: "lhco2020-rnd" },
      phases: (now) => [{ name: "Main", startsAt: now, endsAt: new Date(now.getTime() + 90 * DAY_MS) }],
      settings: opts.settings,
    },
    { ...data, manifest: { ...data.manifest, source: "lhco2020-rnd", files: [files.trainName, files.testName] } },
  );
  return { challenge: { id: challenge.id, slug: challenge.slug }, subsets: data.manifest.subsets, parseMs: parsed - t0, storeMs: performance.now() - parsed };
}
