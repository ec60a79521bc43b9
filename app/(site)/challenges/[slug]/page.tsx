import type { Metadata } from "next";
import { LineChart } from "@/app/_components/line-chart";
import { getDb } from "@/db";
import { benchmarkRows } from "@/db/queries/leaderboard";
import { descriptionWithReference } from "@/challenges/kind-reference";
import { renderMarkdown } from "@/lib/markdown";
import { isMetricId, METRICS } from "@/scoring/registry";
import { loadChallenge } from "./load";
import { WorkedExamples } from "./worked-examples";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { challenge } = await loadChallenge((await params).slug);
  return { title: challenge.title };
}

export default async function OverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { challenge } = await loadChallenge((await params).slug);
  const text = descriptionWithReference(challenge.kind, challenge.description);
  // Baselines that searched (the detector optimisers) show how their best score grew with evaluations.
  const higherIsBetter = isMetricId(challenge.metricId) ? METRICS[challenge.metricId].higherIsBetter : true;
  const curves = (await benchmarkRows(await getDb(), { challengeId: challenge.id, higherIsBetter })).flatMap((b) => {
    const curve = b.modelCard.curve;
    return Array.isArray(curve) && curve.every((v) => typeof v === "number") ? [{ name: b.name, curve: curve as number[] }] : [];
  });
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_16rem]">
      <div className="min-w-0 space-y-8">
        <article className="prose max-w-none overflow-x-auto" dangerouslySetInnerHTML={{ __html: renderMarkdown(text.description) }} />
        {text.reference && (
          <section className="space-y-2 border-t border-slate-200 pt-6" data-testid="kind-reference">
            <p className="text-sm text-slate-500">
              The platform&apos;s reference for this kind of challenge: data files, format and score.
            </p>
            <article className="prose max-w-none overflow-x-auto" dangerouslySetInnerHTML={{ __html: renderMarkdown(text.reference) }} />
          </section>
        )}
        <WorkedExamples slug={challenge.slug} challengeId={challenge.id} />
        {curves.map((c) => (
          <section key={c.name}>
            <h2 className="mb-2 font-semibold">Benchmark: {c.name}, best public score after each evaluation</h2>
            <LineChart xs={c.curve.map((_, i) => i + 1)} ys={c.curve} xLabel="designs evaluated" yLabel="best public score" xInteger />
          </section>
        ))}
      </div>
      <aside className="space-y-3 text-sm">
        <h2 className="font-semibold">Rules</h2>
        <dl className="space-y-1 text-slate-600">
          <div>
            <dt className="inline font-medium">Metric: </dt>
            <dd className="inline" data-testid="metric-name">
              {isMetricId(challenge.metricId) ? METRICS[challenge.metricId].label : challenge.metricId}
            </dd>
          </div>
          <div>
            <dt className="inline font-medium">Daily submissions: </dt>
            <dd className="inline">{challenge.dailySubmissionLimit}</dd>
          </div>
          <div>
            <dt className="inline font-medium">Team size: </dt>
            <dd className="inline">up to {challenge.maxTeamSize}</dd>
          </div>
          <div>
            <dt className="inline font-medium">Final selections: </dt>
            <dd className="inline">{challenge.finalSelections}</dd>
          </div>
        </dl>
        <h2 className="pt-2 font-semibold">Phases</h2>
        <ul className="space-y-1 text-slate-600">
          {challenge.phases.map((p) => (
            <li key={p.id}>
              <span className="font-medium">{p.name}</span>: {p.startsAt.toISOString().slice(0, 10)} → {p.endsAt.toISOString().slice(0, 10)}
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
