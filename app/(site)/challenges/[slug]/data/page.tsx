import type { Metadata } from "next";
import { getDb } from "@/db";
import { visibleDatasetFiles } from "@/lib/data-files";
import { formatBytes } from "@/lib/format";
import { loadChallenge } from "../load";
import { WorkedExamples } from "../worked-examples";

export const metadata: Metadata = { title: "Data" };

export default async function DataPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { challenge } = await loadChallenge(slug);
  const files = await visibleDatasetFiles(await getDb(), challenge);
  if (files.length === 0) return <p className="text-slate-500">This challenge has no data files yet.</p>;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">Files are gzip-compressed CSV. The test file has no labels: those stay on the server.</p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th className="px-3 py-2">File</th>
              <th className="px-3 py-2">Contents</th>
              <th className="px-3 py-2 text-right">Rows</th>
              <th className="px-3 py-2 text-right">Download (gzip)</th>
              <th className="px-3 py-2 text-right">Uncompressed</th>
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.filename} className="border-b border-slate-200">
                <td className="px-3 py-2">
                  <a href={`/challenges/${slug}/data/${f.filename}`} className="font-mono text-brand-600 underline" download>
                    {f.filename}.gz
                  </a>
                </td>
                <td className="px-3 py-2 text-slate-600">{f.description}</td>
                <td className="px-3 py-2 text-right tabular-nums">{f.rows.toLocaleString("en")}</td>
                <td className="px-3 py-2 text-right tabular-nums" data-testid="gzip-size">
                  {formatBytes(f.gzipBytes)}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{formatBytes(f.sizeBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <WorkedExamples slug={slug} challengeId={challenge.id} />
    </div>
  );
}
