import { sql } from "drizzle-orm";
import type { Db } from "../client";

export interface LeaderboardLoad {
  /** The challenge whose board is loaded (it must exist). */
  slug: string;
  teams: number;
  /** Scored submissions per team, each with a random public and private score. */
  perTeam: number;
  /** Readers: accounts `reader-1`… each a member of one of the first `readers` teams ("team 1"…). */
  readers: number;
}

/**
 * Fills a challenge's board for a load test (bench/leaderboard.ts) in a few set-based statements, far faster than
 * the site's one-row paths, then gathers planner statistics so the board's queries are planned for that size.
 */
export async function seedLeaderboardLoad(db: Db, p: LeaderboardLoad): Promise<void> {
  await db.execute(sql`
      with c as (select id from challenge where slug = ${p.slug})
      insert into team (challenge_id, name, invite_code)
      select c.id, 'team ' || i, md5(i::text) from c, generate_series(1, ${p.teams}) i`);
  await db.execute(sql`
      insert into submission (challenge_id, team_id, filename, size_bytes, sha256, status, created_at)
      select t.challenge_id, t.id, 's.csv', 1, 'x', 'scored', now() - random() * interval '10 days'
      from team t, generate_series(1, ${p.perTeam})`);
  await db.execute(
    sql`insert into public_score (submission_id, score, std, details) select id, 1 + 3 * random(), 0.05, '{}' from submission on conflict do nothing`,
  );
  await db.execute(
    sql`insert into private_score (submission_id, score, std, details) select id, 1 + 3 * random(), 0.05, '{}' from submission on conflict do nothing`,
  );
  await db.execute(
    sql`insert into "user" (id, name, email) select 'reader-' || i, 'Reader ' || i, 'reader' || i || '@example.org' from generate_series(1, ${p.readers}) i`,
  );
  await db.execute(sql`
      insert into team_member (team_id, challenge_id, user_id)
      select t.id, t.challenge_id, 'reader-' || substr(t.name, 6) from team t
      where t.name in (select 'team ' || i from generate_series(1, ${p.readers}) i)`);
  await db.execute(sql`analyze`);
}
