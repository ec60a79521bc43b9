import { randomBytes } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { csvLine } from "@/lib/csv";
import { hashPassword } from "@/lib/password";
import { queryRows, type Db } from "../client";
import { challengeOrganisers, challenges, participants, phases, teamMembers, users, type Challenge, type User } from "../schema";
import { bestOf } from "./leaderboard";

/** A rule of joining or running a class that the user can fix; the message says how. */
export class ClassRuleError extends Error {}

/** The email's domain is allowed (exactly, or as a subdomain) when the challenge restricts domains. */
export function emailDomainAllowed(email: string, domains: readonly string[] | null): boolean {
  if (!domains || domains.length === 0) return true;
  const domain = email.toLowerCase().split("@")[1] ?? "";
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/**
 * Joins the private challenge whose join code this is; returns its slug. Joining twice is harmless. A class limited
 * to some email domains admits an unverified address only where the site does not require verification: anyone can
 * type a school address, only its owner can open a mail sent to it.
 */
export async function joinChallengeByCode(
  db: Db,
  code: string,
  user: Pick<User, "id" | "email" | "emailVerified">,
  rules: { verificationRequired: boolean } = { verificationRequired: false },
): Promise<{ slug: string; title: string }> {
  const [c] = await db
    .select({ id: challenges.id, slug: challenges.slug, title: challenges.title, domains: challenges.allowedEmailDomains })
    .from(challenges)
    .where(eq(challenges.joinCode, code.trim()))
    .limit(1);
  if (!c) throw new ClassRuleError("No challenge has this join code: check it with your teacher.");
  if (!emailDomainAllowed(user.email ?? "", c.domains)) {
    throw new ClassRuleError(
      `This class is open to ${c.domains!.map((d) => `@${d}`).join(", ")} addresses only; sign in with your school account.`,
    );
  }
  if (c.domains?.length && rules.verificationRequired && !user.emailVerified) {
    throw new ClassRuleError(
      `Verify your email address first: this class is open to ${c.domains.map((d) => `@${d}`).join(", ")} addresses, and only a verified address shows it is yours. Open the link we mailed you, or send a new one from your profile page.`,
    );
  }
  await db.insert(participants).values({ challengeId: c.id, userId: user.id }).onConflictDoNothing();
  return { slug: c.slug, title: c.title };
}

export const newJoinCode = () => randomBytes(6).toString("base64url");

export interface RosterRow {
  userId: string;
  name: string;
  email: string;
  teamName: string | null;
  submissions: number;
  bestPublic: number | null;
  bestPrivate: number | null;
  publicRank: number | null;
  privateRank: number | null;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Every participant with their team's standing: submissions, best public and private score and the team's rank on
 * each (organisers only: the private columns are what a teacher grades with, before or after the reveal).
 */
export async function classRoster(db: Db, challenge: Pick<Challenge, "id">, higherIsBetter: boolean): Promise<RosterRow[]> {
  const best = bestOf(higherIsBetter);
  const dir = sql.raw(higherIsBetter ? "desc" : "asc");
  const rows = await queryRows(
    db,
    sql`
    with team_best as (
      select s.team_id, count(*) filter (where s.status <> 'failed') as entries,
             ${best(sql.raw("ps.score"))} as best_public, ${best(sql.raw("pv.score"))} as best_private
      from submission s
      left join public_score ps on ps.submission_id = s.id
      left join private_score pv on pv.submission_id = s.id
      where s.challenge_id = ${challenge.id} and s.team_id is not null
      group by s.team_id
    ), ranked as (
      select tb.*,
        case when best_public is null then null else rank() over (partition by best_public is null order by best_public ${dir}) end as public_rank,
        case when best_private is null then null else rank() over (partition by best_private is null order by best_private ${dir}) end as private_rank
      from team_best tb join team t on t.id = tb.team_id where not t.disqualified
    )
    select u.id, u.name, u.email, t.name as team_name, coalesce(r.entries, 0) as entries,
           r.best_public, r.best_private, r.public_rank, r.private_rank
    from participant p
    join "user" u on u.id = p.user_id
    left join team_member tm on tm.challenge_id = p.challenge_id and tm.user_id = p.user_id
    left join team t on t.id = tm.team_id
    left join ranked r on r.team_id = t.id
    where p.challenge_id = ${challenge.id}
    order by r.private_rank nulls last, r.public_rank nulls last, u.name`,
  );
  return rows.map((r) => ({
    userId: String(r.id),
    name: String(r.name ?? ""),
    email: String(r.email ?? ""),
    teamName: r.team_name === null ? null : String(r.team_name),
    submissions: Number(r.entries),
    bestPublic: num(r.best_public),
    bestPrivate: num(r.best_private),
    publicRank: num(r.public_rank),
    privateRank: num(r.private_rank),
  }));
}

/** The grade export: one line per student. */
export function rosterCsv(rows: readonly RosterRow[]): string {
  const lines = ["Name,Email,Team,Submissions,BestPublic,PublicRank,BestPrivate,PrivateRank"];
  for (const r of rows) {
    lines.push(csvLine([r.name, r.email, r.teamName, r.submissions, r.bestPublic, r.publicRank, r.bestPrivate, r.privateRank]));
  }
  return lines.join("\n") + "\n";
}

/** Removes a student from a class: off the roster and out of their team (their team's submissions stay). */
export async function removeParticipant(db: Db, challengeId: number, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(teamMembers).where(and(eq(teamMembers.challengeId, challengeId), eq(teamMembers.userId, userId)));
    await tx.delete(participants).where(and(eq(participants.challengeId, challengeId), eq(participants.userId, userId)));
  });
}

/** Adds a co-organiser (a teaching assistant) by the email of an existing account. */
export async function addCoOrganiser(db: Db, challengeId: number, email: string): Promise<User> {
  const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  if (!user) throw new ClassRuleError(`No account uses ${email}: ask them to sign up first.`);
  await db.insert(challengeOrganisers).values({ challengeId, userId: user.id }).onConflictDoNothing();
  return user;
}

/** Moves the end of the challenge's last phase (a later deadline, or an earlier one that is still in the future). */
export async function setDeadline(db: Db, challengeId: number, endsAt: Date, now = new Date()): Promise<void> {
  const [last] = await db.select().from(phases).where(eq(phases.challengeId, challengeId)).orderBy(desc(phases.position)).limit(1);
  if (!last) throw new ClassRuleError("This challenge has no phase to extend.");
  if (endsAt <= last.startsAt) throw new ClassRuleError("The new end must be after the phase's start.");
  if (endsAt <= now) throw new ClassRuleError("The new end must be in the future; use “End the challenge now” to close it.");
  const [challenge] = await db.select({ revealed: challenges.privateRevealedAt }).from(challenges).where(eq(challenges.id, challengeId));
  // Reopening would let competitors who have seen the private scores submit again.
  if (challenge?.revealed) throw new ClassRuleError("The private leaderboard has been revealed: the challenge cannot reopen.");
  await db.update(phases).set({ endsAt }).where(eq(phases.id, last.id));
}

export interface CreatedAccount {
  name: string;
  email: string;
  /** Null for an account that existed already (it keeps its password). */
  password: string | null;
}

/**
 * Creates accounts for a class from validated `name,email` lines and puts them all on the roster, in one
 * transaction. Existing accounts are enrolled as they are. Passwords are random and shown to the teacher once.
 */
export async function enrolAccounts(
  db: Db,
  challengeId: number,
  lines: readonly { name: string; email: string }[],
): Promise<CreatedAccount[]> {
  // Hash outside the transaction: scrypt is slow on purpose.
  const prepared = await Promise.all(
    lines.map(async (l) => {
      const password = randomBytes(9).toString("base64url");
      return { ...l, password, passwordHash: await hashPassword(password) };
    }),
  );
  return db.transaction(async (tx) => {
    const out: CreatedAccount[] = [];
    for (const p of prepared) {
      const [created] = await tx
        .insert(users)
        // The teacher vouches for the addresses they type and hands out the passwords: no mailed proof needed.
        .values({ name: p.name, email: p.email, passwordHash: p.passwordHash, emailVerified: new Date() })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      const id = created?.id ?? (await tx.select({ id: users.id }).from(users).where(eq(users.email, p.email)))[0]!.id;
      await tx.insert(participants).values({ challengeId, userId: id }).onConflictDoNothing();
      out.push({ name: p.name, email: p.email, password: created ? p.password : null });
    }
    return out;
  });
}
