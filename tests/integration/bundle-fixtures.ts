/** Shared by the bundle tests: a Higgs spec with non-default settings, zip-editing helpers, round trips and refusals. */
import { sql } from "drizzle-orm";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { expect } from "vitest";
import { parse, stringify } from "yaml";
import type { Db } from "@/db/client";
import type { ChallengeSpec } from "@/lib/challenges/create-challenge";
import { challengeForBundle } from "@/db/queries/bundles";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { listDatasetFiles } from "@/db/queries/datasets";
import { getPrivateScore, getSubmissionWithPublicScore } from "@/db/queries/submissions";
import { challenges, datasetFiles, datasets, phases, solutionRows, type Challenge } from "@/db/schema";
import { BundleError, exportBundle, importBundle, readBundle } from "@/lib/bundles";
import { runScoringJob } from "@/lib/jobs/score-submission";
import { upload } from "./queue-fixtures";

const DAY = 86_400_000;
let counter = 0;
export const uniqueSlug = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${counter++}`;

/** A Higgs challenge with settings and phases unlike the defaults, so a lost setting shows. */
export function higgsSpec(slug: string): ChallengeSpec {
  return {
    slug,
    kind: "higgs-tautau",
    title: "Bundle test",
    summary: "A summary",
    description: "# Higgs\n\nÜnïcödé and *Markdown*.\n",
    metricId: "ams",
    config: { note: "kept", nested: { n: 3 } },
    phases: () => [
      { name: "Warm-up", startsAt: new Date(Date.now() - 2 * DAY), endsAt: new Date(Date.now() + DAY) },
      { name: "Final", startsAt: new Date(Date.now() + DAY), endsAt: new Date(Date.now() + 9 * DAY) },
    ],
    settings: { visibility: "private", dailySubmissionLimit: 7, maxTeamSize: 3, finalSelections: 1, publicFraction: 0.25 },
  };
}

export type Entries = Record<string, string>;
export const entriesOf = (zip: Uint8Array): Entries =>
  Object.fromEntries(Object.entries(unzipSync(zip)).map(([k, v]) => [k, strFromU8(v)]));
export const zipOf = (e: Entries) => zipSync(Object.fromEntries(Object.entries(e).map(([k, v]) => [k, strToU8(v)])));
/** The bundle with its entries changed by `edit`. */
export const edited = (zip: Uint8Array, edit: (e: Entries) => void) => {
  const e = entriesOf(zip);
  edit(e);
  return zipOf(e);
};
/** The bundle with challenge.yaml's fields changed by `edit`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into any field of the parsed YAML
export const withManifest = (zip: Uint8Array, edit: (m: Record<string, any>) => void) =>
  edited(zip, (e) => {
    const m = parse(e["challenge.yaml"]!);
    edit(m);
    e["challenge.yaml"] = stringify(m);
  });

/** Uploads `csv`, scores it without bootstrap (a ± is seeded by the submission id) and returns both scores. */
export async function scoreOn(db: Db, challenge: Challenge, csv: string) {
  const s = await upload(db, challenge, csv);
  expect(await runScoringJob(db, s.id, { bootstrap: 0 })).toBe("scored");
  return { pub: (await getSubmissionWithPublicScore(db, s.id))!.publicScore, priv: (await getPrivateScore(db, s.id))!.score };
}

export async function challengeBySlug(db: Db, slug: string): Promise<Challenge> {
  return (await getChallengeBySlug(db, slug)) as Challenge;
}

/** A challenge's stored state minus what an import must change (id, slug, creation time). */
export async function storedState(db: Db, id: number) {
  const found = (await challengeForBundle(db, id))!;
  const { id: _id, slug: _slug, createdAt: _at, ...settings } = found.challenge;
  return {
    settings,
    phases: found.phases.map((p) => [p.name, p.position, p.startsAt.toISOString(), p.endsAt.toISOString()]),
    manifest: found.dataset.manifest,
    secrets: found.dataset.secrets,
    files: await listDatasetFiles(db, id),
    solution: found.solution,
  };
}

/** Exports, reads and imports under a new slug; checks everything stored came through unchanged. */
export async function roundTrip(db: Db, challengeId: number) {
  const zip = await exportBundle(db, challengeId);
  expect(await exportBundle(db, challengeId)).toEqual(zip);
  const created = await importBundle(db, await readBundle(zip), { slug: uniqueSlug("copy") });
  expect(await storedState(db, created.id)).toEqual(await storedState(db, challengeId));
  return { zip, created };
}

/** Line `n` (1-based) of an entry, split into fields, with a setter. */
export const row = (text: string, n: number) => text.split("\n")[n - 1]!.split(",");
export const setRow = (text: string, n: number, fields: string[]) =>
  text
    .split("\n")
    .map((l, i) => (i === n - 1 ? fields.join(",") : l))
    .join("\n");

/** Rows in every table an import writes: nothing may change when one fails. */
export const rowCounts = (db: Db) =>
  Promise.all(
    [challenges, phases, datasets, datasetFiles, solutionRows].map(async (t) =>
      Number((await db.select({ n: sql<number>`count(*)` }).from(t))[0]!.n),
    ),
  );

/** Reads and imports the bundle; expects a BundleError with exactly `issues` (strings or patterns) and no rows written. */
export async function expectBundleRejected(db: Db, zip: Uint8Array, issues: (string | RegExp)[], opts?: { slug?: string }) {
  const before = await rowCounts(db);
  const error = await Promise.resolve()
    .then(async () => importBundle(db, await readBundle(zip), opts))
    .then(
      () => expect.unreachable("the bundle was accepted"),
      (err: unknown) => err,
    );
  expect(error).toBeInstanceOf(BundleError);
  expect((error as BundleError).issues).toEqual(issues.map((i) => (typeof i === "string" ? i : expect.stringMatching(i))));
  expect(await rowCounts(db)).toEqual(before);
}
