import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { SubmissionMode } from "../../challenges/shared/model-contract";
import { users } from "./auth";

/** Raw bytes; both drivers hand back a Uint8Array (pg a Buffer, which is one). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

export const visibilityEnum = pgEnum("visibility", ["public", "private"]);

export const challenges = pgTable("challenge", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  slug: text("slug").notNull().unique(),
  /** A kind's id from challenges/index.ts (text, not an enum: a new kind needs no migration). */
  kind: text("kind").notNull(),
  title: text("title").notNull(),
  summary: text("summary").notNull().default(""),
  /** Markdown. */
  description: text("description").notNull().default(""),
  /** An id from scoring/'s metric registry. */
  metricId: text("metric_id").notNull(),
  visibility: visibilityEnum("visibility").notNull().default("public"),
  /** Needed to join a private challenge (a class competition). */
  joinCode: text("join_code").unique(),
  /** Only these email domains may join, when set (schools). */
  allowedEmailDomains: text("allowed_email_domains").array(),
  dailySubmissionLimit: integer("daily_submission_limit").notNull().default(5),
  maxTeamSize: integer("max_team_size").notNull().default(5),
  finalSelections: integer("final_selections").notNull().default(2),
  publicFraction: real("public_fraction").notNull().default(0.18),
  mergerDeadline: timestamp("merger_deadline", { withTimezone: true }),
  /** Set when the private leaderboard is revealed (at the end or by hand). */
  privateRevealedAt: timestamp("private_revealed_at", { withTimezone: true }),
  /** Largest ONNX model accepted in phases that take models. */
  modelMaxMb: integer("model_max_mb").notNull().default(50),
  /** Trigger-style challenges: models slower than this (ms per 1,000 events on the worker) fail; null = no budget. */
  latencyBudgetMs: doublePrecision("latency_budget_ms"),
  /** Kind-specific settings: simulator version, seed, sizes, source files. */
  config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const phases = pgTable(
  "phase",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    challengeId: integer("challenge_id")
      .notNull()
      .references(() => challenges.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: smallint("position").notNull().default(0),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** What competitors upload in this phase; in "models" phases test.csv is not offered for download. */
    submissionMode: text("submission_mode").$type<SubmissionMode>().notNull().default("predictions"),
  },
  (t) => [index("phase_challenge_idx").on(t.challengeId)],
);

/** Co-organisers (teaching assistants) of one challenge. */
export const challengeOrganisers = pgTable(
  "challenge_organiser",
  {
    challengeId: integer("challenge_id")
      .notNull()
      .references(() => challenges.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.userId] })],
);

/** Who joined a challenge (the roster of a class competition). */
export const participants = pgTable(
  "participant",
  {
    challengeId: integer("challenge_id")
      .notNull()
      .references(() => challenges.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.userId] })],
);

export const datasets = pgTable("dataset", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  challengeId: integer("challenge_id")
    .notNull()
    .references(() => challenges.id, { onDelete: "cascade" }),
  /** Where the data came from: simulator name, version, seed, sizes, or an imported file. */
  manifest: jsonb("manifest").$type<Record<string, unknown>>().notNull(),
  /**
   * What the scorer needs and competitors must never see (a detector challenge's hidden
   * private seed). Read only by the scoring worker, like solution_row.
   */
  secrets: jsonb("secrets").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Files competitors download; stored gzip-compressed so they stream straight out. */
export const datasetFiles = pgTable(
  "dataset_file",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    datasetId: integer("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    description: text("description").notNull().default(""),
    gzipContent: bytea("gzip_content").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    rows: integer("rows").notNull(),
    sha256: text("sha256").notNull(),
  },
  (t) => [uniqueIndex("dataset_file_name_idx").on(t.datasetId, t.filename)],
);

/**
 * Private labels: one row per test event. Never selected by a public query;
 * only the scoring worker reads this table.
 */
export const solutionRows = pgTable(
  "solution_row",
  {
    datasetId: integer("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    eventId: bigint("event_id", { mode: "number" }).notNull(),
    label: smallint("label").notNull(),
    weight: doublePrecision("weight").notNull(),
    /** 1 = Public, 2 = Private, 0 = ignored, 3 = control (scoring/'s Usage codes). */
    usage: smallint("usage").notNull(),
    /** A Control row's value of the correlation gate's column (scoring/gates/): m_JJ of anomaly detection's control events. */
    aux: doublePrecision("aux"),
    /** A Control row's origin for the agreement gate: 1 real data, 0 simulation; null = not in that sample. */
    origin: smallint("origin"),
    /** The target of a real-valued answer key (regression; label is then 0); null for binary and class targets. */
    value: doublePrecision("value"),
  },
  (t) => [primaryKey({ columns: [t.datasetId, t.eventId] })],
);

export const teams = pgTable(
  "team",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    challengeId: integer("challenge_id")
      .notNull()
      .references(() => challenges.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    inviteCode: text("invite_code").notNull().unique(),
    disqualified: boolean("disqualified").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("team_name_idx").on(t.challengeId, t.name)],
);

export const teamMembers = pgTable(
  "team_member",
  {
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    challengeId: integer("challenge_id")
      .notNull()
      .references(() => challenges.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // One team per user per challenge.
  (t) => [primaryKey({ columns: [t.challengeId, t.userId] }), index("team_member_team_idx").on(t.teamId)],
);

export type Challenge = typeof challenges.$inferSelect;
export type NewChallenge = typeof challenges.$inferInsert;
export type Phase = typeof phases.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type DatasetFile = typeof datasetFiles.$inferSelect;
