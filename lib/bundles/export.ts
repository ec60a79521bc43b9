/**
 * Exports a challenge as a bundle (format `collider-arena-bundle/1`), a zip of:
 *   challenge.yaml   settings, phases, kind config, dataset manifest, file list (name, description, rows, sha256
 *                    of the uncompressed content) and the dataset's secrets (lib/bundles/manifest.ts)
 *   description.md   the challenge's Markdown description
 *   data/<file>      each downloadable file, uncompressed (deflated by the zip)
 *   solution.csv     the private answer key, written by the one answer-key codec (scoring/parsing/solution-csv.ts):
 *                    EventId,Label,Weight,Usage[,Aux] for binary and real targets, EventId,Class,Weight,Usage for classes
 * A bundle holds the private answer key and the scorer's secrets (a detector challenge's privateSeed): handle it
 * like the answer key itself, organisers only. The zip is deterministic: the same challenge exports to the same
 * bytes, so two exports can be compared by checksum.
 *
 * Example: a simulated Higgs challenge of 50 training and 300 test events exports to a 33 KB zip of challenge.yaml,
 * description.md, data/training.csv, data/test.csv, data/sample_submission.csv and solution.csv (300 rows); the
 * full-size one (250,000 + 550,000 events) to 58.5 MiB.
 */
import { strToU8 } from "fflate";
import { Document } from "yaml";
import { solutionOfStored } from "@/challenges/built-in";
import type { Db } from "@/db/client";
import { challengeForBundle } from "@/db/queries/bundles";
import { solutionCsv } from "@/scoring/parsing/solution-csv";
import { BUNDLE_FORMAT, type BundleManifest, DATA_DIR, DESCRIPTION_FILE, MANIFEST_FILE, SOLUTION_FILE } from "./manifest";
import { deflatedEntry, entryFromGzip, zipDeflated } from "./zip-writer";

/** Any fixed time: entries carry no export date, so exports of the same challenge are byte-identical. */
const ENTRY_TIME = new Date(2000, 0, 1);

const WARNING =
  " Collider Arena challenge bundle. It contains the private answer key (solution.csv) and the\n scorer's secrets: keep it as private as the answer key itself (organisers only).";

/**
 * The shortest decimal that reads back as the same float32: publicFraction is stored as `real`, and
 * 0.18 should not be written as 0.18000000715255737.
 */
function shortestFloat32(x: number): number {
  for (let digits = 1; digits < 17; digits++) {
    const candidate = Number(x.toPrecision(digits));
    if (Math.fround(candidate) === Math.fround(x)) return candidate;
  }
  return x;
}

/** The challenge as bundle zip bytes; throws when it does not exist or has no dataset. */
export async function exportBundle(db: Db, challengeId: number): Promise<Uint8Array> {
  const found = await challengeForBundle(db, challengeId);
  if (!found) throw new Error(`challenge ${challengeId} does not exist or has no dataset`);
  const { challenge: c, dataset } = found;
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    slug: c.slug,
    kind: c.kind,
    title: c.title,
    summary: c.summary,
    metric: c.metricId,
    visibility: c.visibility,
    limits: { dailySubmissionLimit: c.dailySubmissionLimit, maxTeamSize: c.maxTeamSize, finalSelections: c.finalSelections },
    publicFraction: shortestFloat32(c.publicFraction),
    phases: found.phases.map((p) => ({ name: p.name, start: p.startsAt.toISOString(), end: p.endsAt.toISOString() })),
    config: c.config,
    dataset: {
      manifest: dataset.manifest,
      files: found.files.map((f) => ({ name: f.filename, description: f.description, rows: f.rows, sha256: f.sha256 })),
      solution: SOLUTION_FILE,
      target: found.solution.target ?? { type: "binary" },
    },
    secrets: dataset.secrets,
  };
  const yaml = new Document(manifest);
  yaml.commentBefore = WARNING;
  const entries = [
    await deflatedEntry(MANIFEST_FILE, strToU8(yaml.toString({ lineWidth: 0 }))),
    await deflatedEntry(DESCRIPTION_FILE, strToU8(c.description)),
  ];
  for (const f of found.files) entries.push(await entryFromGzip(`${DATA_DIR}${f.filename}`, f.gzipContent, f.sha256));
  entries.push(await deflatedEntry(SOLUTION_FILE, strToU8(solutionCsv(solutionOfStored(found.solution)))));
  return zipDeflated(entries, ENTRY_TIME);
}
