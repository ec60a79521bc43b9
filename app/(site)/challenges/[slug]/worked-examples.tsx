import { formatScore } from "@/scoring/score-value";
import { getDb } from "@/db";
import { workedExamples } from "@/db/queries/worked-examples";
import { formatBytes } from "@/lib/format";

/** The baselines as ONNX models, to download and copy: what a model submission looks like end to end. */
export async function WorkedExamples({ slug, challengeId }: { slug: string; challengeId: number }) {
  const examples = await workedExamples(await getDb(), challengeId);
  if (examples.length === 0) return null;
  return (
    <section className="space-y-2" data-testid="worked-examples">
      <h2 className="font-semibold">Worked examples: the baselines as ONNX models</h2>
      <p className="text-sm text-slate-600">
        Each takes test.csv&apos;s features in its column order (float32, −999 as is), does its own preprocessing inside the graph, and
        gives the signal probability; its cut is in metadata_props &quot;threshold&quot;. Open one with onnx or Netron to see the exact
        input and output an upload needs.
      </p>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        {examples.map((e) => (
          <li key={e.submissionId}>
            <a href={`/challenges/${slug}/examples/${e.submissionId}`} className="font-mono text-brand-600 underline" download>
              {e.filename}
            </a>{" "}
            — {e.name}, {formatBytes(e.sizeBytes)}
            {e.score !== null && <>, public score {formatScore(e.score, 4)}</>}
            {e.msPer1000 !== null && <>, {e.msPer1000.toFixed(2)} ms per 1,000 events</>}
          </li>
        ))}
      </ul>
    </section>
  );
}
