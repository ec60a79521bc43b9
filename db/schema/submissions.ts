import type { JsonScore } from "@/scoring/score-value";
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { GateOutcome } from "../../scoring/gates/apply-gates";
import { users } from "./auth";
import { bytea, challenges, teams } from "./challenges";

export interface ModelStats {
  operatorCount: number;
  /** Median of three timed passes over up to 10,000 test events, per 1,000 events. */
  msPer1000: number;
  loadMs: number;
  /** The pass over every test event that gave the predictions. */
  fullMs: number;
  events: number;
}

export const submissionStatusEnum = pgEnum("submission_status", ["queued", "scoring", "scored", "failed"]);
export type SubmissionStatus = (typeof submissionStatusEnum.enumValues)[number];

export const submissions = pgTable(
  "submission",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    challengeId: integer("challenge_id")
      .notNull()
      .references(() => challenges.id, { onDelete: "cascade" }),
    /** Null for benchmark entries posted by the baseline trainer. */
    teamId: integer("team_id").references(() => teams.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    filename: text("filename").notNull(),
    description: text("description").notNull().default(""),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    /** "model": an ONNX model the worker runs on the hidden test features; "predictions": a CSV (or a design). */
    format: text("format").$type<"predictions" | "model">().notNull().default("predictions"),
    /** A model's efficiency as measured by the worker: operator count, ms per 1,000 events, load and full-run time. */
    modelStats: jsonb("model_stats").$type<ModelStats>(),
    status: submissionStatusEnum("status").notNull().default("queued"),
    /** The scoring library's message, line numbers included, when status = failed. */
    error: text("error"),
    /** The challenge's gates' outcomes (scoring/gates/): a failed one leaves the submission failed, not ranked. */
    gates: jsonb("gates").$type<GateOutcome[]>(),
    selectedFinal: boolean("selected_final").notNull().default(false),
    /**
     * Set by the worker that claimed the submission: only that worker may write
     * its scores, so a duplicate job delivery can never score it twice.
     */
    scoringToken: text("scoring_token"),
    /**
     * The uploader's Idempotency-Key: a repeated upload with the same key by the same user returns this
     * submission instead of storing (and counting) another. Unique per user, so parallel repeats make one row.
     */
    idempotencyKey: text("idempotency_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("submission_challenge_idx").on(t.challengeId, t.status),
    index("submission_team_idx").on(t.teamId, t.createdAt),
    uniqueIndex("submission_idempotency_idx").on(t.userId, t.idempotencyKey),
  ],
);

/** The uploaded file, gzip-compressed, apart from the row so listings never load it. */
export const submissionFiles = pgTable("submission_file", {
  submissionId: integer("submission_id")
    .primaryKey()
    .references(() => submissions.id, { onDelete: "cascade" }),
  gzipContent: bytea("gzip_content").notNull(),
});

/** Public-subset scores: safe to show at once. */
export const publicScores = pgTable("public_score", {
  submissionId: integer("submission_id")
    .primaryKey()
    .references(() => submissions.id, { onDelete: "cascade" }),
  score: doublePrecision("score").notNull(),
  std: doublePrecision("std"),
  details: jsonb("details").$type<Record<string, unknown>>().notNull(),
  scoredAt: timestamp("scored_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Private-subset scores live in their own table so that no query written for a
 * public page can select them by accident; they are read only after the reveal.
 */
export const privateScores = pgTable("private_score", {
  submissionId: integer("submission_id")
    .primaryKey()
    .references(() => submissions.id, { onDelete: "cascade" }),
  score: doublePrecision("score").notNull(),
  std: doublePrecision("std"),
  details: jsonb("details").$type<Record<string, unknown>>().notNull(),
});

/** A reference model's entry: shown on the leaderboard distinctly, never ranked. */
export const benchmarkEntries = pgTable("benchmark_entry", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  submissionId: integer("submission_id")
    .notNull()
    .unique()
    .references(() => submissions.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  /** Architecture, hyperparameters, seed, training time, validation score. */
  modelCard: jsonb("model_card").$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Submission = typeof submissions.$inferSelect;
export type NewSubmission = typeof submissions.$inferInsert;

/** A baseline trainer run an organiser started from the manage page: a background job with live progress. */
export const baselineRuns = pgTable("baseline_run", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  challengeId: integer("challenge_id")
    .notNull()
    .references(() => challenges.id, { onDelete: "cascade" }),
  requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
  family: text("family").notNull(),
  seed: integer("seed").notNull(),
  epochs: integer("epochs"),
  /** queued → running → done | failed. */
  status: text("status").$type<"queued" | "running" | "done" | "failed">().notNull().default("queued"),
  /** The latest progress event: family, epoch, epochs, loss, valAms, etaSeconds. */
  progress: jsonb("progress").$type<Record<string, unknown> | null>(),
  message: text("message"),
  /** Per family: the benchmark entry's name and public score. */
  /** publicScore: a number, or "Infinity" / "-Infinity" / "NaN" (scoring/score-value.ts); null when not registered. */
  results: jsonb("results").$type<{ name: string; publicScore: JsonScore | null }[] | null>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

export type BaselineRun = typeof baselineRuns.$inferSelect;

/**
 * A counter per challenge that database triggers (migration 0009) raise in the same transaction as any change that
 * can alter its leaderboard: a submission's status, team or final selection, a score, a team's name or
 * disqualification, a benchmark, the challenge or its phases (a reveal, an early end). Caches of the board are keyed
 * by it, so a new score shows on the next request in every process (site, workers), with no timer. A new upload
 * (still queued) does not raise it: only its scoring does.
 * No foreign key: a challenge's deletion cascades into submissions, whose trigger must not then need the challenge.
 */
export const leaderboardVersions = pgTable("leaderboard_version", {
  challengeId: integer("challenge_id").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull().default(0),
});
