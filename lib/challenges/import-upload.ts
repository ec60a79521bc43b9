/**
 * A challenge from an organiser's own files, through the kind's upload declaration (challenges/kind.ts
 * KindUpload): the import form's route, the API and the import commands all come here. All or nothing: every
 * file is parsed and checked before the database is written, and everything is written in one transaction.
 */
import { KIND_UPLOADS, type ChallengeKind, type KindUpload } from "@/challenges";
import type { PreparedUpload, UploadInput } from "@/challenges/kind";
import type { PhaseWindow } from "@/challenges/phase-status";
import type { Seed } from "@/challenges/shared/random";
import type { Db } from "@/db/client";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { createChallengeWithDataset, freshDataKey, type ChallengeSettings } from "./create-challenge";

const DAY_MS = 86_400_000;

export interface ImportMeta {
  slug: string;
  title: string;
  /** The upload's summary by default. */
  summary?: string;
  /** One phase, open from now for the upload's days, by default. */
  phases?: PhaseWindow[];
  /** Who created it, visibility, limits: the schema's defaults where absent. */
  settings?: ChallengeSettings;
  now?: Date;
}

/** Parsed and checked files, ready to store. */
export interface PreparedImport {
  kind: ChallengeKind;
  prepared: PreparedUpload;
  parseMs: number;
}

export interface ImportResult {
  challenge: { id: number; slug: string };
  manifest: Record<string, unknown>;
  /** Milliseconds spent reading and checking the files, and writing the challenge (CSV writing and gzip included). */
  parseMs: number;
  storeMs: number;
}

/** The slug becomes a URL segment, so it is held to the characters that need no escaping. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

async function checkMeta(db: Db, meta: ImportMeta): Promise<void> {
  if (!SLUG.test(meta.slug))
    throw new Error(`slug ${JSON.stringify(meta.slug)} must be lowercase letters and digits separated by single dashes`);
  if (meta.title.trim() === "") throw new Error("title must not be empty");
  if (await getChallengeBySlug(db, meta.slug)) throw new Error(`a challenge with slug "${meta.slug}" already exists`);
}

/**
 * Step 1, no database needed: the upload reads and checks every file, throwing an UploadError or a CsvFormatError
 * that lists the problems. Without a typed seed, the upload's random draws come from a fresh secret key.
 */
export async function prepareUpload(upload: KindUpload, input: Omit<UploadInput, "seed"> & { seed?: Seed }): Promise<PreparedImport> {
  const kind = KIND_UPLOADS.find((u) => u.upload === upload)?.kind;
  if (!kind) throw new Error(`the upload "${upload.id}" belongs to no listed kind (challenges/index.ts)`);
  const t0 = performance.now();
  const prepared = await upload.prepare({ ...input, seed: input.seed ?? freshDataKey() });
  return { kind, prepared, parseMs: performance.now() - t0 };
}

/** Step 2: the challenge, its files and its answer key, in one transaction (the unique slug index guards races). */
export async function storeUpload(db: Db, p: PreparedImport, meta: ImportMeta): Promise<ImportResult> {
  await checkMeta(db, meta);
  const now = meta.now ?? new Date();
  const { prepared, kind } = p;
  const days = prepared.openDays ?? 90;
  const phases = meta.phases ?? [{ name: "Main", startsAt: now, endsAt: new Date(now.getTime() + days * DAY_MS) }];
  const t0 = performance.now();
  const challenge = await createChallengeWithDataset(
    db,
    {
      slug: meta.slug,
      kind: kind.id,
      title: meta.title,
      summary: meta.summary ?? prepared.summary ?? "",
      description: prepared.describe?.(meta.title) ?? kind.description,
      metricId: prepared.metricId,
      config: prepared.config,
      phases: () => phases,
      settings: meta.settings,
    },
    prepared.data,
    now,
  );
  return {
    challenge: { id: challenge.id, slug: challenge.slug },
    manifest: prepared.data.manifest,
    parseMs: p.parseMs,
    storeMs: performance.now() - t0,
  };
}

/** Both steps; the slug is checked first, so a taken slug fails at once rather than after parsing 800,000 events. */
export async function importUpload(
  db: Db,
  upload: KindUpload,
  input: Omit<UploadInput, "seed"> & { seed?: Seed },
  meta: ImportMeta,
): Promise<ImportResult> {
  await checkMeta(db, meta);
  return storeUpload(db, await prepareUpload(upload, input), meta);
}
