import type { Metadata } from "next";
import { getDb } from "@/db";
import { ensureTeam, listTeamMembers } from "@/db/queries/teams";
import { requireUser } from "@/lib/authz";
import { plural } from "@/lib/format";
import { loadChallenge } from "../load";
import { joinTeamAction, leaveTeamAction, mergeTeamAction, renameTeamAction } from "./actions";
import { CodeForm, LeaveForm } from "./team-forms";

export const metadata: Metadata = { title: "Team" };

export const dynamic = "force-dynamic";

export default async function TeamPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { challenge } = await loadChallenge(slug);
  const user = await requireUser(`/challenges/${slug}/team`);
  const db = await getDb();
  const team = await ensureTeam(db, challenge.id, user);
  const members = await listTeamMembers(db, team.id);
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">Your team: {team.name}</h2>
        <p className="text-sm text-slate-600">
          Invite code:{" "}
          <code className="rounded bg-slate-100 px-1" data-testid="invite-code">
            {team.inviteCode}
          </code>{" "}
          — share it with teammates (at most {plural(challenge.maxTeamSize, "member")}).
        </p>
        <ul className="list-disc pl-5 text-sm">
          {members.map((m) => (
            <li key={m.email}>{m.name ?? m.email}</li>
          ))}
        </ul>
        <CodeForm slug={slug} action={renameTeamAction} label="Rename your team" button="Rename" field="name" />
        {members.length > 1 && <LeaveForm slug={slug} action={leaveTeamAction} />}
      </section>
      <section className="space-y-5 rounded-lg border border-slate-200 bg-white p-5">
        {members.length > 1 ? (
          <p className="text-sm text-slate-600" data-testid="in-a-team">
            You are in a team of {members.length}. To join another team, leave this one first.
          </p>
        ) : (
          <CodeForm slug={slug} action={joinTeamAction} label="Join a team (if you are alone and have not submitted)" button="Join" />
        )}
        <CodeForm slug={slug} action={mergeTeamAction} label="Merge another team into yours (their invite code)" button="Merge" />
        <p className="text-xs text-slate-500">
          Merging is allowed{" "}
          {challenge.mergerDeadline ? `until ${challenge.mergerDeadline.toISOString().slice(0, 16)} UTC` : "while the challenge is open"}{" "}
          and only while the two teams&apos; submissions together do not exceed the daily limit × days elapsed.
        </p>
      </section>
    </div>
  );
}
