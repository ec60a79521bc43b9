import { and, eq, lt, sql } from "drizzle-orm";
import type { GateOutcome } from "@/scoring";
import { queryRows, type Db } from "../client";
import { challenges, privateScores, publicScores, submissionFiles, submissions, solutionRows, type Submission } from "../schema";

/**
 * How many queued submissions of the same challenge were created before this one. One queue serves all challenges,
 * but counting the others' would tell a competitor how busy private challenges are; within the challenge the
 * order is the queue's.
 */
export async function queuePosition(db: Db, submissionId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(submissions)
    .where(
      and(
        eq(submissions.status, "queued"),
        lt(submissions.id, submissionId),
        eq(submissions.challengeId, sql`(select ${submissions.challengeId} from ${submissions} where ${submissions.id} = ${submissionId})`),
      ),
    );
  return Number(row?.n ?? 0);
}

/**
 * Takes the submission for the job `token` (the pg-boss job id): a queued one,
 * or one this same job claimed in an earlier attempt that died (pg-boss retries
 * a job under its id only once the previous attempt expired or failed). A
 * submission held by another live job is left alone. True if claimed.
 */
export async function claimSubmission(db: Db, id: number, token: string): Promise<boolean> {
  const rows = await db
    .update(submissions)
    .set({ status: "scoring", startedAt: sql`now()`, scoringToken: token })
    .where(
      and(
        eq(submissions.id, id),
        sql`(${submissions.status} = 'queued' or (${submissions.status} = 'scoring' and ${submissions.scoringToken} = ${token}))`,
      ),
    )
    .returning({ id: submissions.id });
  return rows.length > 0;
}

const owned = (id: number, token: string) =>
  and(eq(submissions.id, id), eq(submissions.status, "scoring"), eq(submissions.scoringToken, token));

/** Ends a submission as failed with a message the competitor sees (and its gates' outcomes); a finished one is left as it is. */
export async function markFailed(db: Db, id: number, message: string, token?: string, gates?: readonly GateOutcome[]): Promise<void> {
  await db
    .update(submissions)
    .set({ status: "failed", error: message, finishedAt: sql`now()`, gates: gates ? [...gates] : null })
    .where(token ? owned(id, token) : and(eq(submissions.id, id), sql`${submissions.status} in ('queued', 'scoring')`));
}

/** Gives a claimed submission back to the queue, so a retry (or any duplicate job) can claim it at once. */
export async function releaseClaim(db: Db, id: number, token: string): Promise<void> {
  await db.update(submissions).set({ status: "queued" }).where(owned(id, token));
}

/** What scoring a submission reads: its challenge's settings and the stored file (undefined when it has none). */
export async function scoringInput(db: Db, id: number) {
  const [row] = await db
    .select({
      challengeId: submissions.challengeId,
      kind: challenges.kind,
      metricId: challenges.metricId,
      config: challenges.config,
      sha256: submissions.sha256,
      // The file as base64 text: PGlite decodes a bytea column in JavaScript on the site's thread, ~10× slower.
      gz: sql<string>`encode(${submissionFiles.gzipContent}, 'base64')`,
      format: submissions.format,
      modelMaxMb: challenges.modelMaxMb,
      latencyBudgetMs: challenges.latencyBudgetMs,
    })
    .from(submissions)
    .innerJoin(challenges, eq(challenges.id, submissions.challengeId))
    .innerJoin(submissionFiles, eq(submissionFiles.submissionId, submissions.id))
    .where(eq(submissions.id, id));
  return row;
}

export interface ScoredResult {
  id: number;
  token: string;
  gates: Submission["gates"];
  public: Omit<typeof publicScores.$inferInsert, "submissionId">;
  private: Omit<typeof privateScores.$inferInsert, "submissionId">;
}

/**
 * Ends a submission claimed under `token` as scored and stores both scores; false (writing nothing) when it is no
 * longer "scoring" under that token. Run it in a transaction: the status check makes the write happen once, so
 * whichever attempt or duplicate job finishes first writes.
 */
export async function recordScores(tx: Db, r: ScoredResult): Promise<boolean> {
  const [mine] = await tx
    .update(submissions)
    .set({ status: "scored", error: null, finishedAt: sql`now()`, gates: r.gates })
    .where(owned(r.id, r.token))
    .returning({ id: submissions.id });
  if (!mine) return false;
  await tx
    .insert(publicScores)
    .values({ submissionId: r.id, ...r.public })
    .onConflictDoNothing();
  await tx
    .insert(privateScores)
    .values({ submissionId: r.id, ...r.private })
    .onConflictDoNothing();
  return true;
}

export interface AnswerKeyChunkQuery {
  datasetId: number;
  /** A real-valued key: read `value` only, so a row stored without one arrives as NaN (which the solution refuses) rather than as its 0/1 label. */
  real: boolean;
  /** Also the gates' inputs, Origin and Aux. */
  withControl: boolean;
  /** The last event id of the previous chunk; null for the first. */
  after: number | null;
  rows: number;
}

/** One chunk of an answer key, each column as comma-separated text in event-id order, with its row count and last event id. */
export type AnswerKeyChunk = { n: number; last: string | null } & Record<
  "ids" | "labels" | "weights" | "usage" | "origin" | "aux",
  string | null | undefined
>;

/**
 * The next `rows` rows of a dataset's answer key after event id `after`, aggregated to text by the database: one
 * row object per event would be built on the site's thread with the embedded database. PostgreSQL ≥ 12 prints float8 in the
 * shortest form that reads back exactly.
 */
export async function answerKeyChunk(db: Db, q: AnswerKeyChunkQuery): Promise<AnswerKeyChunk | undefined> {
  const target = q.real ? sql`coalesce(value::text, 'NaN')` : sql`label::text`;
  // The gates' inputs only when a gate reads them (most keys have no Control rows, and a 550k-row key would carry
  // two more columns of nothing).
  const gateColumns = q.withControl
    ? sql`, string_agg(coalesce(origin::text, '-1'), ',' order by event_id) as origin, string_agg(coalesce(aux::text, 'NaN'), ',' order by event_id) as aux`
    : sql``;
  const [chunk] = await queryRows<AnswerKeyChunk>(
    db,
    sql`select count(*)::int as n, max(event_id)::text as last,
          string_agg(event_id::text, ',' order by event_id) as ids, string_agg(${target}, ',' order by event_id) as labels,
          string_agg(weight::text, ',' order by event_id) as weights, string_agg(usage::text, ',' order by event_id) as usage ${gateColumns}
        from (select event_id, label, value, weight, usage, origin, aux from ${solutionRows}
              where dataset_id = ${q.datasetId} ${q.after === null ? sql`` : sql`and event_id > ${q.after}`}
              order by event_id limit ${q.rows}) k`,
  );
  return chunk;
}
