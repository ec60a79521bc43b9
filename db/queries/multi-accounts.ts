import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../client";
import type { ChallengeAccount } from "@/lib/multi-accounts";

/**
 * Every account taking part in a challenge (on its roster or in one of its teams), with what the multiple-account
 * check compares: address, whether it is verified, sign-up time and sign-up address hash, and the team.
 */
export async function challengeAccounts(db: Db, challengeId: number): Promise<ChallengeAccount[]> {
  const rows = await queryRows(
    db,
    sql`
    with members as (
      select user_id from participant where challenge_id = ${challengeId}
      union
      select user_id from team_member where challenge_id = ${challengeId}
    )
    select u.id, u.name, u.email, u."emailVerified" is not null as verified, u.created_at, u.signup_ip_hash,
           t.id as team_id, t.name as team_name, coalesce(t.disqualified, false) as disqualified
    from members m
    join "user" u on u.id = m.user_id
    left join team_member tm on tm.challenge_id = ${challengeId} and tm.user_id = u.id
    left join team t on t.id = tm.team_id
    order by u.created_at`,
  );
  return rows.map((r) => ({
    userId: String(r.id),
    name: String(r.name ?? ""),
    email: String(r.email ?? ""),
    verified: Boolean(r.verified),
    createdAt: new Date(r.created_at as string | Date),
    signupIpHash: r.signup_ip_hash === null ? null : String(r.signup_ip_hash),
    teamId: r.team_id === null ? null : Number(r.team_id),
    teamName: r.team_name === null ? null : String(r.team_name),
    disqualified: Boolean(r.disqualified),
  }));
}
