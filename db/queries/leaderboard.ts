import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../client";

export interface LeaderboardRow {
  rank: number;
  teamId: number;
  teamName: string;
  submissionId: number;
  score: number;
  std: number | null;
  entries: number;
  lastSubmissionAt: Date;
  /** Statistically tied with the row above: |Δ| < √(σ₁² + σ₂²), or the same infinite score. */
  tiedWithPrevious: boolean;
}

export interface LeaderboardPage {
  rows: LeaderboardRow[];
  total: number;
}

// node-postgres returns bigint and rank() as strings where PGlite returns numbers.
const num = (v: unknown): number => Number(v);
const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

/** One leaderboard row from the shared column names of both queries. */
function toRow(r: Record<string, unknown>): Omit<LeaderboardRow, "tiedWithPrevious"> {
  return {
    rank: num(r.rank),
    teamId: num(r.team_id),
    teamName: String(r.name),
    submissionId: num(r.submission_id),
    score: num(r.score),
    std: r.std === null ? null : num(r.std),
    entries: num(r.entries),
    lastSubmissionAt: date(r.last_at),
  };
}

/**
 * Each row's tie with the row above. Two equal infinite scores are tied whatever their std (an infinite score has
 * none, and ∞ − ∞ is NaN, which no comparison passes).
 */
export function markTies(rows: Omit<LeaderboardRow, "tiedWithPrevious">[]): LeaderboardRow[] {
  return rows.map((r, i) => {
    const prev = rows[i - 1];
    const tied =
      prev !== undefined &&
      ((!Number.isFinite(r.score) && prev.score === r.score) ||
        (r.std !== null && prev.std !== null && Math.abs(prev.score - r.score) < Math.hypot(prev.std, r.std)));
    return { ...r, tiedWithPrevious: tied };
  });
}

/**
 * An ORDER BY term: best score first in the metric's direction, NaN (a score undefined on that subset) last either
 * way. PostgreSQL and PGlite order NaN above +∞, which a descending order would put first; +∞ itself (background
 * rejection with no background left) is a real best and sorts as one.
 */
function bestFirst(higherIsBetter: boolean): (column: SQL) => SQL {
  const dir = sql.raw(higherIsBetter ? "desc" : "asc");
  return (column) => sql`nullif(${column}, 'NaN'::float8) ${dir} nulls last`;
}

/**
 * An aggregate: a group's best score in the metric's direction, NaN left out (null when every score is NaN). SQL's
 * max() would return NaN, which PostgreSQL orders above +∞, for any group holding one; +∞ stays the best of a
 * higher-is-better metric, as in bestFirst.
 */
export function bestOf(higherIsBetter: boolean): (column: SQL) => SQL {
  const aggregate = sql.raw(higherIsBetter ? "max" : "min");
  return (column) => sql`${aggregate}(nullif(${column}, 'NaN'::float8))`;
}

/**
 * The public leaderboard: each team's best public score, ranked (ties in score
 * share a rank; the earlier submission is listed first). Entries without a valid
 * score are never ranked; disqualified teams and benchmarks are left out.
 */
export async function publicLeaderboard(
  db: Db,
  p: { challengeId: number; higherIsBetter: boolean; limit: number; offset: number },
): Promise<LeaderboardPage> {
  const best = bestFirst(p.higherIsBetter);
  const raw = await queryRows(
    db,
    sql`
    with best as (
      select distinct on (s.team_id) s.team_id, s.id as submission_id, ps.score, ps.std, s.created_at
      from submission s join public_score ps on ps.submission_id = s.id
      where s.challenge_id = ${p.challengeId} and s.status = 'scored' and s.team_id is not null
      order by s.team_id, ${best(sql.raw("ps.score"))}, s.created_at asc
    ), stats as (
      select team_id, count(*) as entries, max(created_at) as last_at
      from submission
      where challenge_id = ${p.challengeId} and team_id is not null and status <> 'failed'
      group by team_id
    )
    select rank() over (order by ${best(sql.raw("b.score"))}) as rank, b.team_id, t.name, b.submission_id, b.score, b.std,
           st.entries, st.last_at, count(*) over () as total
    from best b
    join team t on t.id = b.team_id and not t.disqualified
    join stats st on st.team_id = b.team_id
    order by ${best(sql.raw("b.score"))}, b.created_at asc
    limit ${p.limit} offset ${p.offset}`,
  );
  const rows = raw.map(toRow);
  return { rows: markTies(rows), total: raw[0] ? num(raw[0].total) : 0 };
}

export interface PrivateLeaderboardRow extends LeaderboardRow {
  publicRank: number | null;
  /** publicRank − rank: positive = moved up in the shake-up. */
  rankChange: number | null;
}

/**
 * The private leaderboard, for after the reveal only. Each team is scored by its
 * final selections, or, if it marked none, its `finalSelections` best public
 * submissions (Kaggle's rule); its private score is the best of those.
 */
export async function privateLeaderboard(
  db: Db,
  p: { challengeId: number; higherIsBetter: boolean; finalSelections: number; limit: number; offset: number },
): Promise<{ rows: PrivateLeaderboardRow[]; total: number }> {
  const best = bestFirst(p.higherIsBetter);
  const raw = await queryRows(
    db,
    sql`
    with cand as (
      select s.team_id, s.id, s.created_at, s.selected_final, ps.score as pub, prs.score as priv, prs.std as priv_std,
             row_number() over (partition by s.team_id order by ${best(sql.raw("ps.score"))}, s.created_at asc) as pub_order,
             bool_or(s.selected_final) over (partition by s.team_id) as has_final
      from submission s
      join public_score ps on ps.submission_id = s.id
      join private_score prs on prs.submission_id = s.id
      where s.challenge_id = ${p.challengeId} and s.status = 'scored' and s.team_id is not null
    ), chosen as (
      select * from cand where (has_final and selected_final) or (not has_final and pub_order <= ${p.finalSelections})
    ), best as (
      select distinct on (team_id) team_id, id as submission_id, priv, priv_std, created_at
      from chosen order by team_id, ${best(sql.raw("priv"))}, created_at asc
    ), best_public as (
      select distinct on (team_id) team_id, pub from cand order by team_id, ${best(sql.raw("pub"))}
    ), stats as (
      select team_id, count(*) as entries, max(created_at) as last_at
      from submission
      where challenge_id = ${p.challengeId} and team_id is not null and status <> 'failed'
      group by team_id
    ), ranked as (
      select b.*, t.name, st.entries, st.last_at,
             rank() over (order by ${best(sql.raw("b.priv"))}) as rank,
             rank() over (order by ${best(sql.raw("bp.pub"))}) as public_rank
      from best b
      join team t on t.id = b.team_id and not t.disqualified
      join best_public bp on bp.team_id = b.team_id
      join stats st on st.team_id = b.team_id
    )
    select *, priv as score, priv_std as std, count(*) over () as total from ranked
    order by ${best(sql.raw("priv"))}, created_at asc
    limit ${p.limit} offset ${p.offset}`,
  );
  const rows = raw.map((r) => ({ ...toRow(r), publicRank: num(r.public_rank) }));
  return {
    rows: markTies(rows).map((r, i) => ({ ...r, publicRank: rows[i]!.publicRank, rankChange: rows[i]!.publicRank - r.rank })),
    total: raw[0] ? num(raw[0].total) : 0,
  };
}

/** Benchmark entries with their public scores, best first in the metric's direction: shown distinctly, never ranked. */
export async function benchmarkRows(db: Db, p: { challengeId: number; higherIsBetter: boolean }) {
  const best = bestFirst(p.higherIsBetter);
  const raw = await queryRows(
    db,
    sql`
    select be.name, be.model_card, ps.score, ps.std, s.id as submission_id
    from benchmark_entry be
    join submission s on s.id = be.submission_id
    join public_score ps on ps.submission_id = s.id
    where s.challenge_id = ${p.challengeId} and s.status = 'scored'
    order by ${best(sql.raw("ps.score"))}, s.id`,
  );
  return raw.map((r) => ({
    name: String(r.name),
    modelCard: r.model_card as Record<string, unknown>,
    score: num(r.score),
    std: r.std === null ? null : num(r.std),
    submissionId: num(r.submission_id),
  }));
}

/** The challenge's leaderboard version (migration 0009's triggers raise it with every change to its board). */
export async function leaderboardVersion(db: Db, challengeId: number): Promise<number> {
  const [row] = await queryRows(db, sql`select version from leaderboard_version where challenge_id = ${challengeId}`);
  return row ? num(row.version) : 0;
}

/** A challenge's board as the start script's edge needs it: who may see it, its metric and its leaderboard version. */
export async function boardOf(
  db: Db,
  slug: string,
): Promise<{ id: number; metricId: string; createdBy: string | null; public: boolean; version: number } | undefined> {
  const [row] = await queryRows(
    db,
    sql`
    select c.id, c.metric_id, c.created_by, c.visibility, coalesce(v.version, 0) as version
    from challenge c left join leaderboard_version v on v.challenge_id = c.id
    where c.slug = ${slug}`,
  );
  if (!row) return undefined;
  return {
    id: num(row.id),
    metricId: String(row.metric_id),
    createdBy: row.created_by == null ? null : String(row.created_by),
    public: row.visibility === "public",
    version: num(row.version),
  };
}

/** What one signed-in reader's view of a challenge needs, in one indexed look-up: their team, and whether they co-organise it. */
export async function readerOfChallenge(
  db: Db,
  challengeId: number,
  userId: string,
): Promise<{ teamId: number | null; teamName: string | null; coOrganiser: boolean }> {
  const [row] = await queryRows(
    db,
    sql`
    select t.id as team_id, t.name as team_name,
           exists(select 1 from challenge_organiser o where o.challenge_id = ${challengeId} and o.user_id = ${userId}) as co_organiser
    from (select 1) one
    left join team_member m on m.challenge_id = ${challengeId} and m.user_id = ${userId}
    left join team t on t.id = m.team_id`,
  );
  return {
    teamId: row?.team_id == null ? null : num(row.team_id),
    teamName: row?.team_name == null ? null : String(row.team_name),
    coOrganiser: row?.co_organiser === true,
  };
}
