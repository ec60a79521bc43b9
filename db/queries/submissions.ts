import { and, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
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
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from ${teams} where ${teams.id} = ${u.teamId} for update`);
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
        ...(u.now ? { createdAt: u.now } : {}),
      })
      .returning();
    if (!row) throw new Error("insert returned nothing");
    await tx.insert(submissionFiles).values({ submissionId: row.id, gzipContent: byteaValue(u.gzipContent) });
    return row;
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
  return row;
}

/** Read only after the reveal (the caller checks it). */
export async function getPrivateScore(db: Db, submissionId: number) {
  const [row] = await db.select().from(privateScores).where(eq(privateScores.submissionId, submissionId)).limit(1);
  return row;
}

/** The stored (gzip) file of a submission; callers check who may see it. */
export async function getSubmissionFile(db: Db, submissionId: number): Promise<Uint8Array | undefined> {
  const [row] = await db.select({ gz: submissionFiles.gzipContent }).from(submissionFiles).where(eq(submissionFiles.submissionId, submissionId)).limit(1);
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
