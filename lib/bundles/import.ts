/**
 * Creates a challenge from a bundle that readBundle validated: one createChallengeWithDataset transaction, so a
 * failure (a slug taken meanwhile, a lost connection) leaves nothing half-created.
 *
 * Example: importBundle(db, readBundle(zipBytes), { slug: "higgs-2027" }) → { id: 12, slug: "higgs-2027" }, with
 * the bundle's phases, settings, files (the same SHA-256) and answer key.
 */
import type { Db } from "@/db/client";
import { challengeSlugTaken } from "@/db/queries/challenges";
import { createChallengeWithDataset } from "@/lib/challenges/create-challenge";
import { BundleError } from "./issues";
import { SLUG_PATTERN } from "./manifest";
import type { ParsedBundle } from "./read";
import { textChunks } from "./text-file";

export interface ImportBundleOptions {
  /** Import under this slug instead of the bundle's. */
  slug?: string;
  /** The organiser who imports it (user id). */
  createdBy?: string;
}

const slugTaken = (slug: string) =>
  new BundleError([`slug: a challenge with the slug "${slug}" already exists (import it under another slug)`]);

/** A unique violation on the slug, however the driver wraps it (drizzle puts the driver's error in `cause`). */
function isSlugConflict(err: unknown): boolean {
  for (let e = err as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505" && (e.constraint === "challenge_slug_unique" || /challenge_slug/.test(e.message ?? ""))) return true;
  }
  return false;
}

export async function importBundle(db: Db, bundle: ParsedBundle, opts: ImportBundleOptions = {}): Promise<{ id: number; slug: string }> {
  const m = bundle.manifest;
  const slug = opts.slug ?? m.slug;
  if (!SLUG_PATTERN.test(slug)) throw new BundleError([`slug: "${slug}" must be 3–50 lower-case letters, digits and dashes`]);
  // Checked first for a clear message; the unique index still decides when two imports race.
  if (await challengeSlugTaken(db, slug)) throw slugTaken(slug);
  const phases = m.phases.map((p) => ({ name: p.name, startsAt: new Date(p.start), endsAt: new Date(p.end) }));
  try {
    const challenge = await createChallengeWithDataset(
      db,
      {
        slug,
        kind: m.kind,
        title: m.title,
        summary: m.summary,
        description: bundle.description,
        metricId: m.metric,
        config: m.config,
        phases: () => phases,
        settings: { visibility: m.visibility, ...m.limits, publicFraction: m.publicFraction, createdBy: opts.createdBy },
      },
      {
        manifest: m.dataset.manifest,
        files: bundle.files.map((f) => ({ filename: f.name, description: f.description, rows: f.rows, chunks: textChunks(f.content) })),
        solution: bundle.solution,
        secrets: m.secrets,
      },
    );
    return { id: challenge.id, slug: challenge.slug };
  } catch (err) {
    if (isSlugConflict(err)) throw slugTaken(slug);
    throw err;
  }
}
