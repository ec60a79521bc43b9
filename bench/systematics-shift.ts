/**
 * What a robustness challenge's shifted test set does to a fixed analysis: the AMS of one fixed cut on the Private
 * subset of the nominal test set, and of the same events under each systematics knob (generateHiggsDataset's
 * shiftedTest), beside the spread of that AMS over independent nominal draws of the same size: the sampling noise a
 * shifted test set drawn afresh would have added to every difference.
 * Usage: npm run bench:systematics-shift [-- --test N] [-- --draws K]
 */
import { generateHiggsDataset } from "../challenges/higgs-tautau/built-in";
import type { Systematics } from "../challenges/higgs-tautau/simulator/systematics";
import { USAGE_PRIVATE } from "../challenges/higgs-tautau/split";
import { ams } from "../scoring";

const option = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const testEvents = option("test", 110_000);
const draws = option("draws", 5);
const sizes = { trainEvents: 1000, testEvents, publicFraction: 0.18 };

/** The fixed cut: a window on the MMC mass, a low transverse mass, a hard tau. */
const CUT = { mmc: [105, 145], mtMax: 50, tauPtMin: 30 } as const;

function fixedCutAms(knobs: Partial<Systematics>, seed: number): { ams: number; s: number; b: number; events: number; dropped: number } {
  const data = generateHiggsDataset({ ...sizes, seed, testSystematics: knobs });
  const file = data.files.find((f) => f.filename === "test.csv")!;
  const [header, ...lines] = [...file.chunks].join("").trimEnd().split("\n");
  const names = header!.split(",");
  const [mmcAt, mtAt, tauAt] = ["DER_mass_MMC", "DER_mass_transverse_met_lep", "PRI_tau_pt"].map((n) => names.indexOf(n));
  const { label, weight, usage } = data.solution;
  let s = 0;
  let b = 0;
  lines.forEach((line, i) => {
    if (usage[i] !== USAGE_PRIVATE) return;
    const cells = line.split(",");
    const mmc = Number(cells[mmcAt!]);
    if (!(mmc > CUT.mmc[0] && mmc < CUT.mmc[1] && Number(cells[mtAt!]) < CUT.mtMax && Number(cells[tauAt!]) > CUT.tauPtMin)) return;
    if (label[i] === 1) s += weight[i]!;
    else b += weight[i]!;
  });
  const dropped = Number(data.manifest.testEventsDroppedByShift ?? 0);
  return { ams: ams(s, b), s, b, events: lines.length, dropped };
}

const SEED = 2014;
const start = performance.now();
const nominal = fixedCutAms({}, SEED);
console.log(
  `fixed cut ${CUT.mmc[0]} < DER_mass_MMC < ${CUT.mmc[1]}, mT < ${CUT.mtMax}, tau pT > ${CUT.tauPtMin}; Private subset of ${testEvents.toLocaleString("en")} test events (seed ${SEED})`,
);
console.log(
  `${"test set".padEnd(26)}${"AMS".padStart(8)}${"ΔAMS".padStart(9)}${"s".padStart(9)}${"b".padStart(11)}${"dropped".padStart(9)}`,
);
const row = (name: string, r: ReturnType<typeof fixedCutAms>) =>
  console.log(
    `${name.padEnd(26)}${r.ams.toFixed(4).padStart(8)}${(r.ams - nominal.ams).toFixed(4).padStart(9)}${r.s.toFixed(2).padStart(9)}${r.b.toFixed(1).padStart(11)}${String(r.dropped).padStart(9)}`,
  );
row("nominal", nominal);
const settings: [string, Partial<Systematics>][] = [
  ["tauEnergyScale 0.97", { tauEnergyScale: 0.97 }],
  ["tauEnergyScale 1.03", { tauEnergyScale: 1.03 }],
  ["jetEnergyScale 0.95", { jetEnergyScale: 0.95 }],
  ["jetEnergyScale 1.05", { jetEnergyScale: 1.05 }],
  ["softMet 5", { softMet: 5 }],
  ["ttbarNorm 1.5", { ttbarNorm: 1.5 }],
  ["wjetsNorm 1.2", { wjetsNorm: 1.2 }],
  ["backgroundNorm 1.1", { backgroundNorm: 1.1 }],
];
for (const [name, knobs] of settings) row(name, fixedCutAms(knobs, SEED));
const independent = Array.from({ length: draws }, (_, k) => fixedCutAms({}, SEED + 1 + k).ams);
const mean = independent.reduce((a, x) => a + x, 0) / draws;
const sd = Math.sqrt(independent.reduce((a, x) => a + (x - mean) ** 2, 0) / (draws - 1));
console.log(
  `independent nominal draws (seeds ${SEED + 1}–${SEED + draws}): AMS ${independent.map((x) => x.toFixed(4)).join(" ")}; sd ${sd.toFixed(4)}`,
);
console.log(`(${((performance.now() - start) / 1000).toFixed(1)} s)`);
