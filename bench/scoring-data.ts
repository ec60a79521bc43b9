/**
 * Seeded synthetic HiggsML-sized files for the scoring benchmark: a solution (EventId,Label,Weight,Usage) with
 * Kaggle's test-set shape (ids from 350000, ~18% Public, per-subset weights normalised to the full-set totals
 * s 691.988608 / b 410999.847322), a HiggsML submission and a score submission from a noisy classifier.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { createRng } from "../scoring/prng";

const TOTAL_S = 691.988608;
const TOTAL_B = 410999.847322;

export interface BenchFiles {
  solution: string;
  higgs: string;
  scores: string;
}

async function writeLines(path: string, header: string, n: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  let buffer = `${header}\n`;
  for (let i = 0; i < n; i++) {
    buffer += `${line(i)}\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}

export async function writeBenchFiles(dir: string, n: number, seed: number): Promise<BenchFiles> {
  const next = createRng(seed);
  const uniform = () => (next() + 0.5) / 4294967296;
  const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const labels = new Uint8Array(n);
  const usage = new Uint8Array(n);
  const weights = new Float64Array(n);
  const scores = new Float64Array(n);
  // sums[usage][label] for the per-subset normalisation Kaggle applied.
  const sums = [
    [0, 0],
    [0, 0],
  ];
  for (let i = 0; i < n; i++) {
    const label = uniform() < 0.34 ? 1 : 0;
    const u = uniform() < 0.18 ? 0 : 1;
    const w = label ? 0.001 + 0.004 * uniform() : 0.5 + 4.5 * uniform();
    labels[i] = label;
    usage[i] = u;
    weights[i] = w;
    sums[u]![label]! += w;
    scores[i] = 1 / (1 + Math.exp(-(gauss() + (label ? 1.5 : -1.5))));
  }
  for (let i = 0; i < n; i++) weights[i]! *= (labels[i] ? TOTAL_S : TOTAL_B) / sums[usage[i]!]![labels[i]!]!;
  const byScore = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]! || a - b);
  const rank = new Int32Array(n);
  byScore.forEach((row, k) => (rank[row] = k + 1));
  const signalRanks = n - Math.round(0.15 * n);
  // Submissions list events in a shuffled order, as a competitor's pipeline might.
  const shuffled = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const files: BenchFiles = {
    solution: join(dir, `solution-${n}.csv`),
    higgs: join(dir, `submission-higgs-${n}.csv`),
    scores: join(dir, `submission-scores-${n}.csv`),
  };
  const id = (row: number) => 350000 + row;
  await writeLines(
    files.solution,
    "EventId,Label,Weight,Usage",
    n,
    (i) => `${id(i)},${labels[i] ? "s" : "b"},${weights[i]},${usage[i] === 0 ? "Public" : "Private"}`,
  );
  await writeLines(files.higgs, "EventId,RankOrder,Class", n, (k) => {
    const row = shuffled[k]!;
    return `${id(row)},${rank[row]},${rank[row]! > signalRanks ? "s" : "b"}`;
  });
  await writeLines(files.scores, "EventId,score", n, (k) => `${id(shuffled[k]!)},${scores[shuffled[k]!]}`);
  return files;
}
