/** Shared by the bundle tests: a Higgs spec with non-default settings, and zip-editing helpers. */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { parse, stringify } from "yaml";
import type { ChallengeSpec } from "@/lib/challenges/create-challenge";

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
export const entriesOf = (zip: Uint8Array): Entries => Object.fromEntries(Object.entries(unzipSync(zip)).map(([k, v]) => [k, strFromU8(v)]));
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
