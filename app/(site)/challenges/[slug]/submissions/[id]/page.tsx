import { gunzipSync } from "node:zlib";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DetectorPicture } from "@/app/_components/detector-picture";
import { findKind } from "@/challenges";
import { parseDesign, PUBLIC_SEED, sampleTracks } from "@/challenges/detector-design";
import { LineChart } from "@/app/_components/line-chart";
import { isPrivateRevealed } from "@/challenges/phase-status";
import { getDb } from "@/db";
import { getPrivateScore, getSubmissionFile, getSubmissionWithPublicScore, listTeamSubmissions } from "@/db/queries/submissions";
import { getTeamOfUser } from "@/db/queries/teams";
import { canManageChallenge, requireUser } from "@/lib/authz";
import { describeDetails } from "@/lib/score-details";
import { isMetricId, METRICS } from "@/scoring/registry";
import { loadChallenge } from "../../load";
import { formatScore } from "@/scoring/score-value";
import { GateResults } from "./gate-results";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: `Submission #${Number.parseInt((await params).id, 10) || "?"}` };
}

const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === "number") : []);

/** A submission's scores, its AMS curve on the public subset, and the team's score history. */
export default async function SubmissionPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { challenge } = await loadChallenge(slug);
  const user = await requireUser(`/challenges/${slug}/submissions/${id}`);
  const db = await getDb();
  const row = await getSubmissionWithPublicScore(db, Number.parseInt(id, 10) || 0);
  if (!row || row.submission.challengeId !== challenge.id) notFound();
  const team = await getTeamOfUser(db, challenge.id, user.id);
  const own = team !== undefined && row.submission.teamId === team.id;
  if (!own && !(await canManageChallenge(db, challenge, user))) notFound();
  const metric = isMetricId(challenge.metricId) ? METRICS[challenge.metricId] : undefined;
  const fmt = (x: number) => formatScore(x, metric?.precision ?? 4);
  const revealed = isPrivateRevealed(challenge.state);
  const priv = revealed ? await getPrivateScore(db, row.submission.id) : undefined;
  const details = row.publicDetails ?? {};
  const curveX = numbers(details.curveSelected);
  const curveY = numbers(details.curveAms);
  const roc = rocPoints(details);
  const scalars = describeDetails(details);
  const designPicture = findKind(challenge.kind)?.pages?.designPicture === true;
  const picture = designPicture ? await designSample(db, row.submission.id) : undefined;
  const history = row.submission.teamId
    ? (await listTeamSubmissions(db, row.submission.teamId)).filter((s) => s.publicScore !== null).reverse()
    : [];
  return (
    <div className="space-y-6">
      <h2 className="text-xl font-semibold">
        Submission #{row.submission.id}: <span className="font-mono">{row.submission.filename}</span>
      </h2>
      <a href={`/api/v1/challenges/${slug}/submissions/${row.submission.id}/file`} download className="text-sm text-brand-600 underline">
        Download this file
      </a>
      <dl className="grid max-w-lg grid-cols-[10rem_1fr] gap-y-1 text-sm">
        <dt className="text-slate-500">Status</dt>
        <dd>{row.submission.status}</dd>
        <dt className="text-slate-500">Public {metric?.label}</dt>
        <dd className="tabular-nums">
          {row.publicScore !== null ? fmt(row.publicScore) : "—"}
          {row.publicStd !== null && ` ± ${fmt(row.publicStd)}`}
        </dd>
        <dt className="text-slate-500">Private {metric?.label}</dt>
        <dd className="tabular-nums">
          {priv ? `${fmt(priv.score)}${priv.std !== null ? ` ± ${fmt(priv.std)}` : ""}` : "revealed when the challenge ends"}
        </dd>
      </dl>
      {scalars.length > 0 && (
        <details className="text-sm" open={designPicture}>
          <summary className="cursor-pointer font-semibold">Score details (public)</summary>
          <dl className="mt-2 max-w-3xl space-y-2" data-testid="score-details">
            {scalars.map((d) => (
              <div key={d.key}>
                <dt className="flex flex-wrap gap-x-3">
                  <span className="font-medium">{d.label}</span>
                  <span className="break-all font-mono tabular-nums">{d.value}</span>
                </dt>
                {d.explain && <dd className="text-xs text-slate-500">{d.explain}</dd>}
              </div>
            ))}
          </dl>
        </details>
      )}
      {roc.logEpsB.length > 1 && (
        <section className="grid gap-6 xl:grid-cols-2">
          <div>
            <h3 className="mb-2 font-semibold">ROC curve (public subset)</h3>
            <LineChart xs={roc.logEpsB} ys={roc.epsS} xLabel="log₁₀ ε_B (background efficiency)" yLabel="ε_S" yBounds={[0, 1]} />
          </div>
          <div>
            <h3 className="mb-2 font-semibold">Significance improvement (public subset)</h3>
            <LineChart xs={roc.logEpsB} ys={roc.sic} xLabel="log₁₀ ε_B" yLabel="SIC = ε_S/√ε_B" />
          </div>
        </section>
      )}
      {picture && (
        <section>
          <h3 className="mb-2 font-semibold">Your design with the first tracks of the public seed</h3>
          <DetectorPicture sample={picture} />
        </section>
      )}
      {row.submission.gates && row.submission.gates.length > 0 && <GateResults gates={row.submission.gates} />}
      {row.submission.error && <pre className="whitespace-pre-wrap rounded bg-red-50 p-3 text-sm text-red-700">{row.submission.error}</pre>}
      {curveX.length > 0 && (
        <section>
          <h3 className="mb-2 font-semibold">AMS against the number of selected events (public subset)</h3>
          <LineChart
            xs={curveX}
            ys={curveY}
            xLabel="events selected as signal (by RankOrder)"
            yLabel="AMS"
            xInteger
            marker={
              typeof details.curveMax === "number" && typeof details.curveMaxSelected === "number"
                ? { x: details.curveMaxSelected, y: details.curveMax, label: `max ${fmt(details.curveMax)}` }
                : undefined
            }
          />
        </section>
      )}
      {history.length > 1 && (
        <section>
          <h3 className="mb-2 font-semibold">Your team&apos;s public scores over time</h3>
          <LineChart
            xs={history.map((_, i) => i + 1)}
            ys={history.map((h) => h.publicScore!)}
            xLabel="submission"
            yLabel={metric?.label ?? "score"}
            xInteger
          />
        </section>
      )}
    </div>
  );
}

/** Tracks through the central window for the picture: the public seed's first ones that cross it. */
async function designSample(db: Awaited<ReturnType<typeof getDb>>, submissionId: number) {
  const gz = await getSubmissionFile(db, submissionId);
  if (!gz) return undefined;
  try {
    const sample = sampleTracks(parseDesign(gunzipSync(gz).toString("utf8")), { seed: PUBLIC_SEED, count: 400 });
    return { ...sample, tracks: sample.tracks.filter((t) => Math.abs(t.b) < 20).slice(0, 30) };
  } catch {
    // A design that failed validation has no picture; its error is shown instead.
    return undefined;
  }
}

/** The public ROC points stored with the score, on a log ε_B axis (the ε_B = 0 point has no place on it). */
function rocPoints(details: Record<string, unknown>) {
  const epsB = numbers(details.rocEpsB);
  const epsS = numbers(details.rocEpsS);
  const keep = epsB.map((b, i) => i).filter((i) => epsB[i]! > 0 && i < epsS.length);
  return {
    logEpsB: keep.map((i) => Math.log10(epsB[i]!)),
    epsS: keep.map((i) => epsS[i]!),
    sic: keep.map((i) => epsS[i]! / Math.sqrt(epsB[i]!)),
  };
}
