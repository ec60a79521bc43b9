import {
  higgsImportDataset,
  importedHiggsDescription,
  parseHiggsSource,
  type HiggsImportSource,
} from "@/challenges/higgs-tautau/importer";
import type { GeneratedDataset } from "@/challenges/built-in";
import { higgsKind } from "@/challenges/higgs-tautau/kind";
import type { PhaseWindow } from "@/challenges/phase-status";
import type { Db } from "@/db/client";
import { createChallengeWithDataset, type ChallengeSettings } from "./create-challenge";
import { getChallengeBySlug } from "@/db/queries/challenges";

const DAY_MS = 86_400_000;

export interface ImportHiggsMeta {
  slug: string;
  title: string;
  summary?: string;
  /** Markdown; by default the built-in page's explanations under a note on where the data comes from. */
  description?: string;
  /** Default: one phase, open from now for 180 days (as the built-in challenge). */
  phases?: PhaseWindow[];
  /** Who created it, visibility, limits: the schema's defaults where absent. */
  settings?: ChallengeSettings;
  now?: Date;
}

export interface ImportHiggsOptions extends ImportHiggsMeta {
  source: HiggsImportSource;
  maxBytes?: number;
}

/** Parsed and validated files, ready to store. */
export interface PreparedHiggsImport {
  data: GeneratedDataset;
  origin: string;
  parseMs: number;
}

export interface ImportHiggsResult {
  challenge: { id: number; slug: string };
  manifest: Record<string, unknown>;
  /** Milliseconds spent reading and validating the files, and writing the challenge (CSV writing and gzip included). */
  parseMs: number;
  storeMs: number;
}

/** The slug becomes a URL segment, so it is held to the characters that need no escaping. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

async function checkMeta(db: Db, meta: ImportHiggsMeta): Promise<void> {
  if (!SLUG.test(meta.slug)) throw new Error(`slug ${JSON.stringify(meta.slug)} must be lowercase letters and digits separated by single dashes`);
  if (meta.title.trim() === "") throw new Error("title must not be empty");
  if (await getChallengeBySlug(db, meta.slug)) throw new Error(`a challenge with slug "${meta.slug}" already exists`);
}

/** Step 1, no database needed: reads and validates every file, throwing a CsvFormatError that lists the problems. */
export async function prepareHiggsImport(source: HiggsImportSource, maxBytes?: number): Promise<PreparedHiggsImport> {
  const t0 = performance.now();
  const { imported, origin } = await parseHiggsSource(source, maxBytes);
  return { data: higgsImportDataset(imported), origin, parseMs: performance.now() - t0 };
}

/** Step 2: the challenge, its files and its answer key, in one transaction (the unique slug index guards races). */
export async function storeHiggsImport(db: Db, prepared: PreparedHiggsImport, meta: ImportHiggsMeta): Promise<ImportHiggsResult> {
  await checkMeta(db, meta);
  const now = meta.now ?? new Date();
  const phases = meta.phases ?? [{ name: "Main", startsAt: now, endsAt: new Date(now.getTime() + 180 * DAY_MS) }];
  const { data } = prepared;
  const t0 = performance.now();
  const challenge = await createChallengeWithDataset(
    db,
    {
      slug: meta.slug,
      kind: higgsKind.id,
      title: meta.title,
      summary: meta.summary ?? "Tell H → ττ decays from background in ATLAS simulated events (HiggsML 2014 data). Scored by weighted AMS.",
      description: meta.description ?? importedHiggsDescription(meta.title, prepared.origin),
      metricId: "ams",
      config: { imported: data.manifest.source },
      phases: () => phases,
      settings: meta.settings,
    },
    data,
    now,
  );
  return { challenge: { id: challenge.id, slug: challenge.slug }, manifest: data.manifest, parseMs: prepared.parseMs, storeMs: performance.now() - t0 };
}

/**
 * Imports real HiggsML data as a new challenge, all or nothing: the files are parsed and validated completely
 * before the database is written, and everything is written in one transaction. The slug is checked first, so a
 * taken slug fails at once rather than after parsing 800,000 events.
 */
export async function importHiggsChallenge(db: Db, opts: ImportHiggsOptions): Promise<ImportHiggsResult> {
  await checkMeta(db, opts);
  return storeHiggsImport(db, await prepareHiggsImport(opts.source, opts.maxBytes), opts);
}
