/**
 * Multi-class submission parsing (npm run bench:multiclass-parse): 1,000,000 rows of six seeded class probabilities
 * with five decimals (a 55 MB file), parsed against a matching answer key, with a 1,000,000-row binary score file
 * beside it for comparison. Medians of RUNS parses, wall and CPU milliseconds.
 */
import { createRng } from "../scoring/prng";
import { parseSolution } from "../scoring/parsing/solution-csv";
import { createSolutionIndex } from "../scoring/parsing/solution-index";
import { parseProbabilitySubmission } from "../scoring/parsing/submission-probabilities";
import { parseScoreSubmission } from "../scoring/parsing/submission-scores";

const EVENTS = 1_000_000;
const CLASSES = ["ggH", "VBF", "VH", "Ztt", "ttbar", "Wjets"];
const RUNS = 5;

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

async function timed(label: string, bytes: number, parse: () => Promise<unknown>): Promise<void> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await parse();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  console.log(
    `${label.padEnd(34)} ${(bytes / 1e6).toFixed(1).padStart(5)} MB  median ${median(wall).toFixed(0).padStart(5)} ms wall, ${median(cpu).toFixed(0).padStart(5)} ms CPU`,
  );
}

async function main(): Promise<void> {
  const next = createRng(20261204);
  const u = () => next() / 2 ** 32;
  const key: string[] = ["EventId,Class,Weight,Usage"];
  const multi: string[] = [`EventId,${CLASSES.join(",")}`];
  const binary: string[] = ["EventId,score"];
  for (let i = 0; i < EVENTS; i++) {
    const id = 100_000 + i;
    key.push(`${id},${CLASSES[Math.floor(u() * CLASSES.length)]},${(0.5 + u()).toFixed(4)},${u() < 0.5 ? "Public" : "Private"}`);
    const odds = CLASSES.map(() => u());
    const sum = odds.reduce((a, b) => a + b, 0);
    multi.push(`${id},${odds.map((o) => (o / sum).toFixed(5)).join(",")}`);
    binary.push(`${id},${u().toFixed(6)}`);
  }
  const encode = (lines: string[]) => new TextEncoder().encode(`${lines.join("\n")}\n`);
  const index = createSolutionIndex(await parseSolution(encode(key), { target: "multiclass", classes: CLASSES }));
  const multiBytes = encode(multi);
  const binaryBytes = encode(binary);
  console.log(`${EVENTS.toLocaleString("en-US")} rows; medians of ${RUNS} parses`);
  await timed(`${CLASSES.length}-class probabilities`, multiBytes.length, () => parseProbabilitySubmission(multiBytes, index, CLASSES));
  await timed("binary scores (EventId,score)", binaryBytes.length, () => parseScoreSubmission(binaryBytes, index));
}

void main();
