/**
 * `challenge.yaml`, the manifest of a challenge bundle: its zod schema, and the rules that tie a kind to its
 * metric. The layout of the whole bundle is described in lib/bundles/README.md.
 *
 * Example (a Higgs challenge):
 *   format: collider-arena-bundle/1
 *   slug: higgs-2026
 *   kind: higgs-tautau
 *   title: Higgs boson machine learning challenge
 *   summary: Tell H → ττ from the backgrounds.
 *   metric: ams
 *   visibility: public
 *   limits: { dailySubmissionLimit: 5, maxTeamSize: 5, finalSelections: 2 }
 *   publicFraction: 0.18
 *   phases: [{ name: Main, start: "2026-01-01T00:00:00.000Z", end: "2026-07-01T00:00:00.000Z" }]
 *   config: {}
 *   dataset:
 *     manifest: { source: simulator, seed: secret key }
 *     files: [{ name: test.csv, description: Test events, rows: 300, sha256: 9f86d08… }]
 *     solution: solution.csv
 *     target: { type: binary }     # or { type: real }, or { type: multiclass, classes: [ggH, VBF, Ztt] }
 *   secrets: { dataKey: 9c4f… }
 */
import { isDeepStrictEqual } from "node:util";
import { isScalar, LineCounter, parseDocument, visit, type Document } from "yaml";
import { z } from "zod";
import { type ChallengeKind, findKind, KIND_IDS } from "@/challenges";
import { SLUG_PATTERN } from "@/lib/validations/challenge";
import { validateMetricParams } from "@/scoring/metric-descriptor";
import { isMetricId, METRICS } from "@/scoring/registry";
import { MAX_CLASSES, type SolutionTarget } from "@/scoring/solution";

export const BUNDLE_FORMAT = "collider-arena-bundle/1";
export const MANIFEST_FILE = "challenge.yaml";
export const DESCRIPTION_FILE = "description.md";
export const SOLUTION_FILE = "solution.csv";
export const DATA_DIR = "data/";

/** The platform's slug rule (as the organiser's form): 3–50 lower-case letters, digits and dashes. */
export { SLUG_PATTERN };
// A file name inside data/: no folders, nothing hidden, so it cannot escape data/ or shadow another entry.
const FILE_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

const record = z.record(z.string(), z.unknown());
const count = (min: number) => z.number().int().min(min);
const isoTime = z.iso.datetime({ offset: true, message: "must be an ISO time such as 2026-01-31T12:00:00Z" });

const phaseSchema = z
  .strictObject({ name: z.string().min(1), start: isoTime, end: isoTime })
  .refine((p) => new Date(p.end) > new Date(p.start), { message: "ends before it starts (end must be after start)", path: ["end"] });

const fileSchema = z.strictObject({
  name: z.string().regex(FILE_NAME_PATTERN, "must be a plain file name (letters, digits, . _ -), no folders"),
  description: z.string(),
  rows: count(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lower-case hex digits"),
});

/** What solution.csv's target column holds; absent = binary (every bundle before targets was binary). */
const targetSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("binary") }),
  z.strictObject({ type: z.literal("real") }),
  z.strictObject({
    type: z.literal("multiclass"),
    classes: z
      .array(z.string().min(1))
      .min(2)
      .max(MAX_CLASSES)
      .refine((c) => new Set(c).size === c.length, "class names must be distinct")
      .readonly(),
  }),
]);

export const manifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  slug: z.string().regex(SLUG_PATTERN, "must be 3–50 lower-case letters, digits and dashes"),
  kind: z.enum(KIND_IDS),
  title: z.string().min(1),
  summary: z.string(),
  metric: z.string(),
  visibility: z.enum(["public", "private"]),
  limits: z.strictObject({ dailySubmissionLimit: count(1), maxTeamSize: count(1), finalSelections: count(1) }),
  publicFraction: z.number().min(0).max(1),
  phases: z.array(phaseSchema).min(1, "needs at least one phase"),
  config: record,
  dataset: z.strictObject({
    manifest: record,
    files: z.array(fileSchema),
    solution: z.literal(SOLUTION_FILE),
    target: targetSchema.optional(),
  }),
  secrets: record,
});

/** The answer key's target as written (binary when absent), or null when `dataset.target` is not a valid one. */
function rawTarget(raw: Record<string, unknown>): SolutionTarget | null {
  const target = (raw.dataset as { target?: unknown } | undefined)?.target;
  if (target === undefined) return { type: "binary" };
  const parsed = targetSchema.safeParse(target);
  return parsed.success ? parsed.data : null;
}

/**
 * Rules across fields, checked on the raw document whether or not the schema passed (zod skips refinements
 * once a field failed, and a bundle's author should see every problem at once).
 */
function crossFieldIssues(raw: Record<string, unknown>, kind: ChallengeKind | undefined, target: SolutionTarget | null): string[] {
  const issues: string[] = [];
  const metric = raw.metric;
  if (typeof metric === "string" && !isMetricId(metric)) {
    issues.push(`metric: unknown metric ${JSON.stringify(metric)} (known: ${Object.keys(METRICS).join(", ")})`);
  } else if (typeof metric === "string" && kind && !(kind.metrics as readonly string[]).includes(metric)) {
    issues.push(`metric: ${metric} cannot score a ${kind.id} challenge (use ${kind.metrics.join(" or ")})`);
  } else if (typeof metric === "string" && isMetricId(metric)) {
    const descriptor = METRICS[metric];
    if (target && kind?.answerKey && !descriptor.targets.includes(target.type)) {
      issues.push(`metric: ${metric} scores ${descriptor.targets.join(" or ")} targets, and dataset.target is ${target.type}`);
    }
    const params = (raw.config as { metricParams?: unknown } | undefined)?.metricParams;
    if (params !== undefined && (typeof params !== "object" || params === null || Array.isArray(params))) {
      issues.push("config.metricParams: must be a mapping of parameter names to numbers");
    } else {
      try {
        validateMetricParams(descriptor, params as Record<string, unknown> | undefined);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        issues.push(`config.metricParams: ${err.message}`);
      }
    }
  }
  if (kind && !kind.answerKey && target && target.type !== "binary")
    issues.push(`dataset.target: a ${kind.id} challenge has no answer key, so no ${target.type} target`);
  // The scorer reads the key's target from the stored manifest (answerKeyTarget): a copy there must be dataset.target.
  const datasetManifest = (raw.dataset as { manifest?: unknown } | undefined)?.manifest;
  if (typeof datasetManifest === "object" && datasetManifest !== null && "target" in datasetManifest && target) {
    const copy = (datasetManifest as { target: unknown }).target;
    if (!isDeepStrictEqual(copy, target))
      issues.push(`dataset.manifest.target: ${JSON.stringify(copy)} differs from dataset.target ${JSON.stringify(target)}`);
  }
  const files = (raw.dataset as { files?: unknown } | undefined)?.files;
  const seen = new Set<unknown>();
  if (Array.isArray(files)) {
    for (const f of files as { name?: unknown }[]) {
      if (seen.has(f?.name)) issues.push(`dataset.files: ${String(f.name)} is listed twice`);
      seen.add(f?.name);
    }
  }
  // Secrets a scorer cannot work without (the design scorer's private seed).
  issues.push(...(kind?.secretsIssues?.(raw.secrets as Record<string, unknown> | undefined) ?? []));
  return issues;
}

/**
 * What solution.csv must hold, known from the manifest even when other fields are wrong, so that its own problems are
 * reported in the same pass: rows of this target, only the header (a kind scored by simulation has no answer key),
 * or null when the target is unknown (dataset.target is itself wrong, and said so).
 */
export type SolutionShape = { rows: SolutionTarget } | { headerOnly: ChallengeKind } | null;

export type BundleManifest = z.infer<typeof manifestSchema>;

/** A wrong `format` is reported alone: the rest of a manifest of another format means nothing to this reader. */
function formatIssue(doc: unknown): string | null {
  const format = (doc as { format?: unknown } | null)?.format;
  if (format === undefined) return `format: is missing (expected ${BUNDLE_FORMAT})`;
  if (format !== BUNDLE_FORMAT) return `format: unknown bundle format ${JSON.stringify(format)} (this version reads ${BUNDLE_FORMAT})`;
  return null;
}

/** A manifest is a few kilobytes; this bound keeps a hostile one from costing the server more than milliseconds. */
export const MAX_MANIFEST_BYTES = 64 * 1024;
/** Aliases expanded at most this many times: an alias bomb ("billion laughs") stops here with a message. */
const MAX_ALIAS_COUNT = 100;

/**
 * Duplicate keys, found in one pass: the YAML library's own check compares every key with every other (30 MB of
 * keys took it over half an hour), so it is off and this one stands in.
 */
function duplicateKeyIssues(doc: Document, lines: LineCounter): string[] {
  const issues: string[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) {
          const line = isScalar(pair.key) && pair.key.range ? ` at line ${lines.linePos(pair.key.range[0]).line}` : "";
          issues.push(`YAML syntax error${line}: map keys must be unique (${JSON.stringify(key)} repeats)`);
        }
        seen.add(key);
      }
    },
  });
  return issues;
}

/** Parses and validates challenge.yaml; every problem is a message naming the field (or the YAML line and column). */
export function parseManifest(
  text: string,
): { manifest: BundleManifest; issues: []; solution: SolutionShape } | { manifest: null; issues: string[]; solution: SolutionShape } {
  const failed = (issues: string[]) => ({ manifest: null, issues, solution: null });
  if (text.length > MAX_MANIFEST_BYTES) {
    return failed([`the manifest is larger than ${MAX_MANIFEST_BYTES / 1024} KiB (a challenge.yaml is a few kilobytes)`]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter: lines });
  const errors = doc.errors.map((e) => {
    const where = e.linePos ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "";
    const what = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    return `YAML syntax error${where}: ${what}`;
  });
  if (errors.length === 0) errors.push(...duplicateKeyIssues(doc, lines));
  if (errors.length > 0) return failed(errors);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // The library's words for an alias bomb: "Excessive alias count indicates a resource exhaustion attack".
    return failed([`YAML: ${(err as Error).message} (at most ${MAX_ALIAS_COUNT} alias uses)`]);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return failed(["expected a mapping of fields at the top level"]);
  const bad = formatIssue(data);
  if (bad) return failed([bad]);
  const result = manifestSchema.safeParse(data, {
    error: (iss) => (iss.code === "invalid_type" && iss.input === undefined ? "is missing" : undefined),
  });
  const issues = (result.error?.issues ?? []).map((i) => {
    const field = i.path.length > 0 ? `${i.path.join(".")}: ` : "";
    const message =
      i.code === "unrecognized_keys"
        ? `unknown field${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => JSON.stringify(k)).join(", ")}`
        : i.message;
    return `${field}${message}`;
  });
  const raw = data as Record<string, unknown>;
  const kind = typeof raw.kind === "string" ? findKind(raw.kind) : undefined;
  const target = rawTarget(raw);
  issues.push(...crossFieldIssues(raw, kind, target));
  const solution: SolutionShape = kind && !kind.answerKey ? { headerOnly: kind } : target && { rows: target };
  if (result.success && issues.length === 0) return { manifest: result.data, issues: [], solution };
  return { manifest: null, issues, solution };
}
