import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "../client";
import { submissions, teams } from "../schema";
import { bestOf } from "./leaderboard";

/** Submissions per UTC day (benchmarks excluded), oldest first, for the organiser's activity plot. */
export async function submissionsPerDay(db: Db, challengeId: number): Promise<{ day: string; count: number }[]> {
  const rows = await queryRows(
    db,
    sql`
    select to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD') as day, count(*) as n
    from submission where challenge_id = ${challengeId} and team_id is not null
    group by 1 order by 1`,
  );
  return rows.map((r) => ({ day: String(r.day), count: Number(r.n) }));
}

/**
 * Every team's best public score (the shape of the field), disqualified teams included for the organiser. NaN never
 * beats a number, but a team whose every score is NaN gets NaN, so the organiser still sees it.
 */
export async function bestPublicScores(db: Db, challengeId: number, higherIsBetter: boolean): Promise<number[]> {
  const best = bestOf(higherIsBetter);
  const rows = await queryRows(
    db,
    sql`
    select ${best(sql.raw("ps.score"))} as score from submission s join public_score ps on ps.submission_id = s.id
    where s.challenge_id = ${challengeId} and s.team_id is not null group by s.team_id`,
  );
  // bestOf is null only when every score of the team is NaN (a score is never null).
  return rows.map((r) => (r.score === null ? Number.NaN : Number(r.score)));
}

/** The latest failed submissions with their errors: what competitors are stuck on. */
export async function failedSubmissions(db: Db, challengeId: number, limit = 20) {
  return db
    .select({
      id: submissions.id,
      teamName: teams.name,
      filename: submissions.filename,
      error: submissions.error,
      createdAt: submissions.createdAt,
    })
    .from(submissions)
    .innerJoin(teams, eq(teams.id, submissions.teamId))
    .where(and(eq(submissions.challengeId, challengeId), eq(submissions.status, "failed")))
    .orderBy(desc(submissions.id))
    .limit(limit);
}

export async function listTeams(db: Db, challengeId: number) {
  const rows = await queryRows(
    db,
    sql`
    select t.id, t.name, t.disqualified, (select count(*) from team_member m where m.team_id = t.id) as members,
           (select count(*) from submission s where s.team_id = t.id) as entries
    from team t where t.challenge_id = ${challengeId} order by t.name`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    disqualified: Boolean(r.disqualified),
    members: Number(r.members),
    entries: Number(r.entries),
  }));
}

/** Disqualifies (or reinstates) a team: it leaves both leaderboards, its submissions stay for the record. */
export async function setDisqualified(db: Db, challengeId: number, teamId: number, disqualified: boolean): Promise<boolean> {
  const rows = await db
    .update(teams)
    .set({ disqualified })
    .where(and(eq(teams.id, teamId), eq(teams.challengeId, challengeId)))
    .returning({ id: teams.id });
  return rows.length > 0;
}

/**
 * Puts every finished submission of the challenge (benchmarks included) back in the queue after a metric or
 * answer-key fix: scores are dropped and statuses reset in one transaction; the caller enqueues the returned ids.
 */
export async function resetForRescore(db: Db, challengeId: number): Promise<number[]> {
  // Subqueries rather than id lists: a big challenge's ids would pass the driver's parameter limit.
  const finished = sql`select id from submission where challenge_id = ${challengeId} and status in ('scored', 'failed')`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`delete from public_score where submission_id in (${finished})`);
    await tx.execute(sql`delete from private_score where submission_id in (${finished})`);
    const rows = await tx
      .update(submissions)
      .set({ status: "queued", error: null, finishedAt: null, scoringToken: null })
      .where(and(eq(submissions.challengeId, challengeId), inArray(submissions.status, ["scored", "failed"])))
      .returning({ id: submissions.id });
    return rows.map((r) => r.id).sort((a, b) => a - b);
  });
}

/** Fails every submission of the challenge with the reason and deletes its scores; returns how many. */
export async function voidSubmissions(db: Db, challengeId: number, reason: string, now = new Date()): Promise<number> {
  const all = sql`select id from submission where challenge_id = ${challengeId}`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`delete from public_score where submission_id in (${all})`);
    await tx.execute(sql`delete from private_score where submission_id in (${all})`);
    const voided = await tx
      .update(submissions)
      .set({ status: "failed", error: reason, finishedAt: now, scoringToken: null })
      .where(eq(submissions.challengeId, challengeId))
      .returning({ id: submissions.id });
    return voided.length;
  });
}
