import { LineChart } from "@/app/_components/line-chart";
import { histogram, offAxisLine } from "@/lib/chart-scale";
import type { Db } from "@/db";
import { plural } from "@/lib/format";
import { bestPublicScores, failedSubmissions, listTeams, submissionsPerDay } from "@/db/queries/organiser";
import { disqualifyAction, rescoreAllAction } from "./actions";
import { ManageForm } from "./manage-form";

/** The organiser's view of how the challenge is going: activity, the field's scores, failures, teams. */
export async function Activity({
  db,
  slug,
  challengeId,
  higherIsBetter,
  metricLabel,
}: {
  db: Db;
  slug: string;
  challengeId: number;
  higherIsBetter: boolean;
  metricLabel: string;
}) {
  const [perDay, scores, failed, teams] = await Promise.all([
    submissionsPerDay(db, challengeId),
    bestPublicScores(db, challengeId, higherIsBetter),
    failedSubmissions(db, challengeId),
    listTeams(db, challengeId),
  ]);
  const hist = histogram(scores);
  const offAxis = offAxisLine(hist.offAxis, "team");
  return (
    <section className="space-y-6">
      <h2 className="text-xl font-semibold">Activity</h2>
      <div className="grid gap-6 xl:grid-cols-2">
        <div>
          <h3 className="mb-1 font-medium">Submissions per day (UTC)</h3>
          <LineChart
            xs={perDay.map((_, i) => i + 1)}
            ys={perDay.map((d) => d.count)}
            xLabel={perDay.length ? `days since ${perDay[0]!.day}` : "day"}
            yLabel="submissions"
            xInteger
            yInteger
          />
        </div>
        <div>
          <h3 className="mb-1 font-medium">Teams&apos; best public scores ({plural(scores.length, "team")})</h3>
          <LineChart xs={hist.centres} ys={hist.counts} xLabel={metricLabel} yLabel="teams" yInteger />
          {offAxis && (
            <p className="mt-1 text-sm text-slate-600" data-testid="off-axis-scores">
              Not on the axis: {offAxis}
            </p>
          )}
        </div>
      </div>
      <div className="space-y-2">
        <h3 className="font-medium">Recent failed submissions</h3>
        {failed.length === 0 ? (
          <p className="text-sm text-slate-500">None.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="failed-submissions">
            {failed.map((f) => (
              <li key={f.id}>
                <span className="font-medium">{f.teamName}</span> #{f.id} {f.filename}:{" "}
                <span className="whitespace-pre-wrap text-red-700">{(f.error ?? "").split("\n").slice(0, 3).join(" ")}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="space-y-2">
        <h3 className="font-medium">Teams</h3>
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="teams">
            <tbody>
              {teams.map((t) => (
                <tr key={t.id} className="border-t border-slate-100">
                  <td className="py-1">
                    {t.name}
                    {t.disqualified && <span className="ml-2 rounded bg-red-100 px-1 text-xs text-red-700">disqualified</span>}
                  </td>
                  <td>
                    {t.members} member{t.members === 1 ? "" : "s"}
                  </td>
                  <td>{plural(t.entries, "entry", "entries")}</td>
                  <td className="text-right">
                    <ManageForm
                      action={disqualifyAction}
                      slug={slug}
                      hidden={{ teamId: String(t.id), disqualified: String(!t.disqualified) }}
                      button={t.disqualified ? `Reinstate ${t.name}` : `Disqualify ${t.name}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <ManageForm action={rescoreAllAction} slug={slug} button="Rescore every submission" />
    </section>
  );
}
