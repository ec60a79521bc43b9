/**
 * The v1 API's shapes, one zod schema per entity: route handlers build these
 * objects (typed by z.infer) and the OpenAPI document is generated from the same
 * schemas, so the document cannot drift from what the handlers send.
 */
import { NON_FINITE_JSON } from "@/scoring/score-value";
import { z } from "zod";
import { SUBMISSION_MODES } from "@/challenges/shared/model-contract";

const isoDate = z.iso.datetime().describe("ISO 8601 time, UTC");

export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe("Stable machine-readable code, e.g. bad_file, limit_reached, rate_limited"),
    message: z.string().describe("Human-readable explanation"),
    line: z.number().int().optional().describe("Line of the uploaded file the error refers to, when there is one"),
  }),
});

export const userSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  role: z.enum(["admin", "organiser", "competitor"]),
});

export const tokenSchema = z.object({ id: z.number().int(), name: z.string(), createdAt: isoDate, lastUsedAt: isoDate.nullable() });

export const newTokenSchema = z.object({ name: z.string().trim().min(1, "Give the token a name").max(100) });

export const createdTokenSchema = z.object({ token: z.string().describe("The secret: shown once, store it now"), summary: tokenSchema });

const metricSchema = z.object({ id: z.string(), label: z.string(), higherIsBetter: z.boolean(), precision: z.number().int() });

const phaseSchema = z.object({
  name: z.string(),
  startsAt: isoDate,
  endsAt: isoDate,
  submissionMode: z
    .enum(SUBMISSION_MODES)
    .describe("predictions: CSV files; models: ONNX models run on the hidden test features; both: either"),
});

/** What an ONNX model must take and give (null for kinds without per-event features). */
const modelContractSchema = z.object({
  features: z.array(z.string()).describe("the model's input columns, in order: float32 [N, features.length]"),
  missing: z.string(),
  output: z.string(),
  maxMb: z.number(),
  latencyBudgetMsPer1000: z.number().nullable(),
});

export const challengeSummarySchema = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  kind: z.string(),
  visibility: z.enum(["public", "private"]),
  status: z.enum(["upcoming", "open", "ended"]),
  statusChangesAt: isoDate.nullable(),
  metric: metricSchema,
  privateRevealed: z.boolean(),
});

export const dataFileSchema = z.object({
  name: z.string(),
  description: z.string(),
  rows: z.number().int(),
  bytes: z.number().int().describe("Size of the uncompressed file"),
  sha256: z.string().describe("SHA-256 of the uncompressed file"),
  url: z.string().describe("Download path (gzip-compressed content)"),
});

export const challengeDetailSchema = challengeSummarySchema.extend({
  description: z.string().describe("Markdown"),
  phases: z.array(phaseSchema),
  dailySubmissionLimit: z.number().int(),
  maxTeamSize: z.number().int(),
  finalSelections: z.number().int(),
  submissionFormat: z.string(),
  model: modelContractSchema.nullable(),
  files: z.array(dataFileSchema),
});

/** A score in JSON: a number, or one of the strings "Infinity", "-Infinity", "NaN" (scoring/score-value.ts). */
const jsonScoreSchema = z
  .union([z.number(), z.enum(NON_FINITE_JSON)])
  .describe(
    'A number; a score that is not finite as the string "Infinity" or "-Infinity" (e.g. background rejection 1/ε_B when no background passes the cut), or "NaN" (undefined on that subset)',
  );

const scoreSchema = z.object({ score: jsonScoreSchema, std: z.number().nullable() });

export const submissionSchema = z.object({
  id: z.number().int(),
  filename: z.string(),
  description: z.string(),
  status: z.enum(["queued", "scoring", "scored", "failed"]),
  error: z.string().nullable().describe("Why scoring failed: every problem with its line"),
  selectedFinal: z.boolean(),
  createdAt: isoDate,
  finishedAt: isoDate.nullable(),
  public: scoreSchema.nullable(),
  queuePosition: z.number().int().nullable().describe("Submissions ahead in the scoring queue, while queued"),
  model: z
    .object({
      sizeBytes: z.number().int(),
      operatorCount: z.number().int().nullable(),
      msPer1000: z.number().nullable().describe("Inference time per 1,000 events on the worker: median of 3 runs, one thread"),
    })
    .nullable()
    .describe("For an ONNX model submission: its size and, once run, its efficiency"),
});

const gateOutcomeSchema = z.object({
  id: z.enum(["ks-agreement", "cvm-correlation"]),
  name: z.string(),
  column: z.string().optional().describe("The correlation check's column"),
  statistic: z.number(),
  threshold: z.number().describe("The check passes when the statistic is below it"),
  passed: z.boolean(),
  events: z.number().int().describe("Control events the check read"),
});

export const submissionDetailSchema = submissionSchema.extend({
  gates: z
    .array(gateOutcomeSchema)
    .nullable()
    .describe(
      "The challenge's Flavours-of-Physics checks on its control events; a submission that fails one is failed and not ranked. Null when the challenge has none",
    ),
  publicDetails: z.record(z.string(), z.unknown()).nullable().describe("Metric details on the public subset (s, b, AMS curve …)"),
  private: scoreSchema.nullable().describe("Null until the private leaderboard is revealed"),
});

export const finalSelectionSchema = z.object({ selected: z.boolean() });

const modelFiguresSchema = z
  .object({
    bytes: z.number().int().describe("Size of the .onnx file"),
    msPer1000Events: z
      .number()
      .describe("Inference time per 1,000 events on the worker: median of three timed passes over up to 10,000 test events"),
    operators: z.number().int().describe("Operator (node) count, subgraphs included"),
  })
  .nullable()
  .describe("An ONNX model entry's efficiency; null for a predictions file");

const leaderboardRowSchema = z.object({
  rank: z.number().int(),
  teamName: z.string(),
  score: jsonScoreSchema,
  std: z.number().nullable(),
  entries: z.number().int(),
  lastSubmissionAt: isoDate,
  tiedWithPrevious: z.boolean().describe("Statistically tied with the row above: |Δ| < √(σ₁² + σ₂²), or the same infinite score"),
  publicRank: z.number().int().nullable().optional().describe("Private view only: the rank on the public leaderboard"),
  rankChange: z.number().int().nullable().optional().describe("Private view only: publicRank − rank (positive = moved up)"),
  model: modelFiguresSchema,
});

export const leaderboardSchema = z.object({
  view: z.enum(["public", "private"]),
  privateRevealed: z.boolean(),
  metric: metricSchema,
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  rows: z.array(leaderboardRowSchema),
  benchmarks: z.array(
    z.object({ name: z.string(), score: jsonScoreSchema.nullable(), std: z.number().nullable(), model: modelFiguresSchema }),
  ),
});

export const readerStandingSchema = z.object({
  user: userSchema.omit({ id: true }).nullable().describe("Null for an anonymous caller"),
  canManage: z.boolean().describe("Whether the caller organises this challenge"),
  team: z.object({ id: z.number().int(), name: z.string() }).nullable().describe("The caller's team in this challenge, if any"),
  standing: z
    .object({ rank: z.number().int(), total: z.number().int(), score: jsonScoreSchema })
    .nullable()
    .describe("The team's place on the public leaderboard; null until it has a scored submission"),
  precision: z.number().int().describe("Decimals the metric is shown with"),
});

export type ApiChallengeSummary = z.infer<typeof challengeSummarySchema>;
export type ApiChallengeDetail = z.infer<typeof challengeDetailSchema>;
export type ApiSubmission = z.infer<typeof submissionSchema>;
export type ApiSubmissionDetail = z.infer<typeof submissionDetailSchema>;
