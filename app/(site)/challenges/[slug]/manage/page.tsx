import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { defaultBaselineFamily, findKind } from "@/challenges";
import { isPrivateRevealed, REVEAL_RULE } from "@/challenges/phase-status";
import { getDb } from "@/db";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { classRoster } from "@/db/queries/classes";
import { canManageChallenge, requireUser } from "@/lib/authz";
import { familyUnavailable } from "@/lib/ml/family-availability";
import { isMetricId, METRICS } from "@/scoring/registry";
import {
  addCoOrganiserAction,
  endChallengeAction,
  enrolStudentsAction,
  removeStudentAction,
  revealPrivateAction,
  setDeadlineAction,
  startBaselineAction,
} from "./actions";
import { JoinLink } from "@/app/_components/join-link";
import { Activity } from "./activity";
import { MultiAccounts } from "./multi-accounts";
import { BaselineRuns } from "./baseline-runs";
import { ManageForm } from "./manage-form";
import { formatScore } from "@/scoring/score-value";
import { GateSettingsForm } from "./gate-settings-form";
import { TestSystematics } from "./test-systematics";
import { gatesOfConfig } from "@/scoring/gates/gate-settings";

export const metadata: Metadata = { title: "Manage" };

const input = "rounded border border-slate-300 px-3 py-1.5 text-sm";

export default async function ManagePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/challenges/${slug}/manage`);
  const db = await getDb();
  const challenge = await getChallengeBySlug(db, slug);
  if (!challenge || !(await canManageChallenge(db, challenge, user))) notFound();
  const revealed = isPrivateRevealed(challenge.state);
  const metric = isMetricId(challenge.metricId) ? METRICS[challenge.metricId] : undefined;
  const roster = await classRoster(db, challenge, metric?.higherIsBetter ?? true);
  const host = (await headers()).get("host") ?? "localhost";
  const joinUrl = challenge.joinCode ? `http://${host}/join/${challenge.joinCode}` : null;
  const fmt = (x: number | null) => formatScore(x, metric?.precision ?? 4);
  const end = challenge.phases.at(-1)?.endsAt;
  const kind = findKind(challenge.kind);
  const baselines = kind?.baselines;
  // Organisers choose gates where the key can hold control rows and the kind runs none of its own.
  const gatesOffered = kind?.scoring.by === "answer-key" && !kind.scoring.control;
  const xgboostProblem = baselines?.families.some((f) => f.needsXgboost) ? await familyUnavailable("xgboost") : null;
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h2 className="text-xl font-semibold">Run the challenge</h2>
        <div className="flex flex-wrap gap-3">
          {challenge.state.status === "open" && (
            <form action={endChallengeAction.bind(null, slug)}>
              <button className="rounded border border-red-300 px-4 py-2 text-sm text-red-700 hover:bg-red-50">
                End the challenge now
              </button>
            </form>
          )}
          {!revealed && (
            <form action={revealPrivateAction.bind(null, slug)}>
              <button className="rounded border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100">
                Reveal the private leaderboard and end the challenge
              </button>
            </form>
          )}
          {revealed && <p className="text-sm text-slate-600">The private leaderboard is visible to everyone.</p>}
        </div>
        {!revealed && <p className="text-sm text-slate-500">{REVEAL_RULE}</p>}
        <p className="text-sm">
          <a href={`/api/v1/challenges/${slug}/bundle`} className="text-brand-600 underline">
            Export as a bundle (.zip)
          </a>{" "}
          <span className="text-slate-500">— settings, data, answer key and secrets: keep it as private as the answers.</span>
        </p>
        <ManageForm action={setDeadlineAction} slug={slug} button="Set the deadline">
          <label htmlFor="endsAt" className="block text-sm font-medium">
            Ends (UTC), now {end ? end.toISOString().slice(0, 16).replace("T", " ") : "—"}
          </label>
          <input id="endsAt" name="endsAt" type="datetime-local" className={input} />
        </ManageForm>
      </section>

      {kind?.simulate?.systematics && <TestSystematics db={db} challengeId={challenge.id} knobs={kind.simulate.systematics} />}

      {gatesOffered && <GateSettingsForm slug={slug} gates={gatesOfConfig(challenge.config)} />}

      {baselines && (
        <section className="space-y-3">
          <h2 className="text-xl font-semibold">Reference baseline</h2>
          {xgboostProblem && (
            <p className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="family-unavailable">
              {xgboostProblem} Only the tfjs MLP ensemble can be trained here.
            </p>
          )}
          <ManageForm action={startBaselineAction} slug={slug} button="Train the baseline">
            <div className="flex flex-wrap gap-3 text-sm">
              <label>
                Family{" "}
                <select name="family" defaultValue={defaultBaselineFamily(baselines, !!xgboostProblem)} className={input}>
                  {baselines.families.map((f) => (
                    <option key={f.id} value={f.id} disabled={!!xgboostProblem && f.needsXgboost}>
                      {f.label}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Epochs / rounds (optional) <input name="epochs" type="number" min={1} className={`w-24 ${input}`} />
              </label>
              <label>
                Seed <input name="seed" type="number" min={1} defaultValue={1} className={`w-24 ${input}`} />
              </label>
            </div>
          </ManageForm>
          <BaselineRuns slug={slug} />
        </section>
      )}

      {joinUrl && (
        <section className="space-y-2">
          <h2 className="text-xl font-semibold">Invite students</h2>
          <p className="text-sm text-slate-600">
            Share this link (join code{" "}
            <code data-testid="join-code" className="font-mono">
              {challenge.joinCode}
            </code>
            )
            {challenge.allowedEmailDomains?.length
              ? `; only ${challenge.allowedEmailDomains.map((d) => `@${d}`).join(", ")} addresses can join`
              : ""}
            :
          </p>
          <JoinLink url={joinUrl} />
        </section>
      )}

      <section className="space-y-3">
        <div className="flex items-center gap-4">
          <h2 className="text-xl font-semibold">Roster ({roster.length})</h2>
          <a href={`/challenges/${slug}/manage/grades`} className="text-sm text-brand-600 underline">
            Export grades (CSV)
          </a>
        </div>
        {roster.length === 0 ? (
          <p className="text-sm text-slate-500">Nobody has joined yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="roster">
              <thead className="text-left text-slate-500">
                <tr>
                  <th className="py-1">Student</th>
                  <th>Team</th>
                  <th className="text-right">Entries</th>
                  <th className="text-right">Best public (rank)</th>
                  <th className="text-right">Best private (rank)</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {roster.map((r) => (
                  <tr key={r.userId} className="border-t border-slate-100 align-top">
                    <td className="py-1">
                      {r.name} <span className="text-slate-500">{r.email}</span>
                    </td>
                    <td>{r.teamName ?? "—"}</td>
                    <td className="text-right tabular-nums">{r.submissions}</td>
                    <td className="text-right tabular-nums">
                      {fmt(r.bestPublic)}
                      {r.publicRank !== null && ` (${r.publicRank})`}
                    </td>
                    <td className="text-right tabular-nums">
                      {fmt(r.bestPrivate)}
                      {r.privateRank !== null && ` (${r.privateRank})`}
                    </td>
                    <td className="pl-3 text-right">
                      <ManageForm action={removeStudentAction} slug={slug} hidden={{ userId: r.userId }} button={`Remove ${r.name}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <Activity
        db={db}
        slug={slug}
        challengeId={challenge.id}
        higherIsBetter={metric?.higherIsBetter ?? true}
        metricLabel={metric?.label ?? "score"}
      />
      <MultiAccounts db={db} slug={slug} challengeId={challenge.id} allowedDomains={challenge.allowedEmailDomains} />

      <section className="grid gap-8 lg:grid-cols-2">
        <div className="space-y-2">
          <h2 className="text-lg font-semibold">Create student accounts</h2>
          <ManageForm action={enrolStudentsAction} slug={slug} button="Create accounts" secretName={`${slug}-accounts.csv`}>
            <label htmlFor="roster" className="block text-sm font-medium">
              One student per line: name,email
            </label>
            <textarea
              id="roster"
              name="roster"
              rows={5}
              className={`w-full font-mono ${input}`}
              placeholder={"Ada Lovelace,ada@school.example.org"}
            />
          </ManageForm>
        </div>
        <div className="space-y-2">
          <h2 className="text-lg font-semibold">Co-organisers</h2>
          <ManageForm action={addCoOrganiserAction} slug={slug} button="Add co-organiser">
            <label htmlFor="co-email" className="block text-sm font-medium">
              Email of a teaching assistant&apos;s account
            </label>
            <input id="co-email" name="email" className={input} />
          </ManageForm>
        </div>
      </section>
    </div>
  );
}
