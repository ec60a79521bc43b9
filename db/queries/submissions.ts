import { and, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { detailsFromJson } from "@/scoring/score-value";
import { byteaValue } from "../bulk";
import type { Db } from "../client";
import { type ModelStats, privateScores, publicScores, submissionFiles, submissions, teams, type Submission } from "../schema";

export class DailyLimitError extends Error {
  constructor(readonly limit: number) {
    super(
      `Your team has reached today's limit of ${limit} submission${limit === 1 ? "" : "s"}. ` +
        "The count resets at 00:00 UTC; failed submissions do not count.",
    );
  }
}

export function utcDayStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export interface NewUpload {
  challengeId: number;
  teamId: number;
  userId: string;
  dailyLimit: number;
  filename: string;
  description: string;
  gzipContent: Uint8Array;
  sizeBytes: number;
  sha256: string;
  /** "model" for an ONNX model (default "predictions"). */
  format?: Submission["format"];
  now?: Date;
}

/**
 * Stores an upload and its file in one transaction, enforcing the team's daily
 * limit atomically: the team row is locked, so of N concurrent uploads against
 * a limit L exactly L get in. Failed submissions do not count.
 */
export async function createSubmission(db: Db, u: NewUpload): Promise<Submission> {
  return (await storeSubmission(db, u)).submission;
}

/** The same Idempotency-Key was sent before with another file or for another challenge. */
export class IdempotencyKeyReuseError extends Error {
  constructor() {
    super("This Idempotency-Key was already used for a different upload; send a new key for a new file.");
  }
}

const submissionByKey = async (db: Pick<Db, "select">, userId: string, key: string) =>
  (
    await db
      .select()
      .from(submissions)
      .where(and(eq(submissions.userId, userId), eq(submissions.idempotencyKey, key)))
      .limit(1)
  )[0];

function sameUpload(earlier: Submission, u: NewUpload): Submission {
  if (earlier.challengeId !== u.challengeId || earlier.sha256 !== u.sha256) throw new IdempotencyKeyReuseError();
  return earlier;
}

/**
 * createSubmission with the uploader's optional Idempotency-Key: the first upload with a key is stored; a repeat by
 * the same user (a client retrying after a lost answer) returns that submission, `replayed`, without storing or
 * counting anything, even at the daily limit. Repeats in parallel make one row: the team lock orders a team's
 * uploads, and the unique index on (user, key) settles a race across teams (the later insert waits for the earlier
 * transaction and yields to it).
 */
export async function storeSubmission(
  db: Db,
  u: NewUpload & { idempotencyKey?: string },
): Promise<{ submission: Submission; replayed: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from ${teams} where ${teams.id} = ${u.teamId} for update`);
    if (u.idempotencyKey) {
      const earlier = await submissionByKey(tx, u.userId, u.idempotencyKey);
      if (earlier) return { submission: sameUpload(earlier, u), replayed: true };
    }
    const [used] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(submissions)
      .where(
        and(
          eq(submissions.teamId, u.teamId),
          ne(submissions.status, "failed"),
          gte(submissions.createdAt, utcDayStart(u.now ?? new Date())),
        ),
      );
    if (Number(used?.n ?? 0) >= u.dailyLimit) throw new DailyLimitError(u.dailyLimit);
    const [row] = await tx
      .insert(submissions)
      .values({
        challengeId: u.challengeId,
        teamId: u.teamId,
        userId: u.userId,
        filename: u.filename,
        description: u.description,
        sizeBytes: u.sizeBytes,
        sha256: u.sha256,
        ...(u.format ? { format: u.format } : {}),
        idempotencyKey: u.idempotencyKey ?? null,
        ...(u.now ? { createdAt: u.now } : {}),
      })
      .onConflictDoNothing({ target: [submissions.userId, submissions.idempotencyKey] })
      .returning();
    if (!row) {
      // Only a keyed upload can conflict: another upload with this key committed since the check above.
      const earlier = u.idempotencyKey ? await submissionByKey(tx, u.userId, u.idempotencyKey) : undefined;
      if (!earlier) throw new Error("insert returned nothing");
      return { submission: sameUpload(earlier, u), replayed: true };
    }
    await tx.insert(submissionFiles).values({ submissionId: row.id, gzipContent: byteaValue(u.gzipContent) });
    return { submission: row, replayed: false };
  });
}

/** A team's submissions, newest first, with public scores only. */
export async function listTeamSubmissions(db: Db, teamId: number) {
  return db
    .select({
      id: submissions.id,
      filename: submissions.filename,
      description: submissions.description,
      status: submissions.status,
      error: submissions.error,
      selectedFinal: submissions.selectedFinal,
      createdAt: submissions.createdAt,
      finishedAt: submissions.finishedAt,
      publicScore: publicScores.score,
      publicStd: publicScores.std,
      format: submissions.format,
      sizeBytes: submissions.sizeBytes,
      modelStats: submissions.modelStats,
    })
    .from(submissions)
    .leftJoin(publicScores, eq(publicScores.submissionId, submissions.id))
    .where(eq(submissions.teamId, teamId))
    .orderBy(desc(submissions.createdAt), desc(submissions.id));
}

export class FinalSelectionError extends Error {}

/**
 * Marks or unmarks a scored submission as one of the team's finals, at most
 * `maxFinals` at a time (the team row is locked so two clicks cannot both pass).
 */
export async function setFinalSelection(
  db: Db,
  p: { teamId: number; submissionId: number; selected: boolean; maxFinals: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select id from ${teams} where ${teams.id} = ${p.teamId} for update`);
    const [sub] = await tx
      .select({ status: submissions.status })
      .from(submissions)
      .where(and(eq(submissions.id, p.submissionId), eq(submissions.teamId, p.teamId)));
    if (!sub) throw new FinalSelectionError("That submission is not your team's.");
    if (p.selected) {
      if (sub.status !== "scored") throw new FinalSelectionError("Only scored submissions can be selected as final.");
      const [chosen] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(submissions)
        .where(and(eq(submissions.teamId, p.teamId), eq(submissions.selectedFinal, true), ne(submissions.id, p.submissionId)));
      if (Number(chosen?.n ?? 0) >= p.maxFinals) {
        throw new FinalSelectionError(`Your team has already selected ${p.maxFinals} final submissions; unselect one first.`);
      }
    }
    await tx.update(submissions).set({ selectedFinal: p.selected }).where(eq(submissions.id, p.submissionId));
  });
}

/** One submission with its public score; private fields are never selected here. */
export async function getSubmissionWithPublicScore(db: Db, id: number) {
  const [row] = await db
    .select({
      submission: submissions,
      publicScore: publicScores.score,
      publicStd: publicScores.std,
      publicDetails: publicScores.details,
    })
    .from(submissions)
    .leftJoin(publicScores, eq(publicScores.submissionId, submissions.id))
    .where(eq(submissions.id, id))
    .limit(1);
  return row && { ...row, publicDetails: row.publicDetails && detailsFromJson(row.publicDetails) };
}

/** Read only after the reveal (the caller checks it). */
export async function getPrivateScore(db: Db, submissionId: number) {
  const [row] = await db.select().from(privateScores).where(eq(privateScores.submissionId, submissionId)).limit(1);
  return row;
}

/** The stored (gzip) file of a submission; callers check who may see it. */
export async function getSubmissionFile(db: Db, submissionId: number): Promise<Uint8Array | undefined> {
  const [row] = await db
    .select({ gz: submissionFiles.gzipContent })
    .from(submissionFiles)
    .where(eq(submissionFiles.submissionId, submissionId))
    .limit(1);
  return row?.gz;
}

/** A model's efficiency figures, measured by the worker that ran it. */
export async function recordModelStats(db: Db, submissionId: number, stats: ModelStats): Promise<void> {
  await db.update(submissions).set({ modelStats: stats }).where(eq(submissions.id, submissionId));
}

/** Efficiency of the model submissions among `ids` (leaderboard rows): size, operators, ms per 1,000 events. */
export async function modelEfficiency(db: Db, ids: number[]): Promise<Map<number, { sizeBytes: number; stats: ModelStats }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: submissions.id, sizeBytes: submissions.sizeBytes, stats: submissions.modelStats })
    .from(submissions)
    .where(and(inArray(submissions.id, ids), eq(submissions.format, "model")));
  return new Map(rows.filter((r) => r.stats !== null).map((r) => [r.id, { sizeBytes: Number(r.sizeBytes), stats: r.stats! }]));
}
