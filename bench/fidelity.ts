/**
 * Fidelity of the Higgs simulator against the real HiggsML sample, measured on
 * the held-out half of the 22,889 real events (the calibration fit,
 * bench/fit-higgs-simulator.ts, sees only the other half):
 * - real-vs-simulated AUC of a fixed classifier (GBDT, 80 trees of depth 4, on a
 *   seeded half of the pooled events, AUC on the other half; 0.5 = indistinguishable);
 * - per-feature per-class KS distances of the defined values, -999 shares;
 * - jet multiplicities, by events and by weight (what AMS counts), the jets' pT 95th percentiles, DER_mass_MMC peaks
 *   (signal; background in 60–110 GeV: the Z);
 * - transfer: AMS on the held-out real half of the fixed recipe (transferAms)
 *   trained on the real calibration half vs on as many simulated events.
 * Usage: npm run bench:fidelity [-- --seed N] (simulation seed; the fit uses 7001)
 *        npm run bench:fidelity -- --half calibration: the same report on the calibration half, without the transfer
 *        AMS (it would train on the held-out half); for work on the simulator, so the held-out half stays unseen.
 */
import { parseArgs } from "node:util";
import { FEATURE_INDEX as F, HIGGS_FEATURES, HIGGS_PROCESSES, type HiggsEvents } from "../challenges/higgs-tautau/schema";
import { simulateHiggs } from "../challenges/higgs-tautau/simulator/simulate";
import {
  definedQuantile,
  jetWeightShares,
  ksTable,
  missingShare,
  mmcPeak,
  realHalves,
  realVsSimAuc,
  transferAms,
} from "./lib/higgs-fidelity";
import { loadRealHiggs, REAL_HIGGS_PATH } from "./lib/real-higgs";

const { values: args } = parseArgs({
  options: {
    seed: { type: "string", default: "2014" },
    repeats: { type: "string", default: "3" },
    half: { type: "string", default: "held-out" },
  },
});
if (args.half !== "held-out" && args.half !== "calibration") throw new Error(`--half must be held-out or calibration, got ${args.half}`);
const seed = Number(args.seed);

const real = loadRealHiggs();
if (!real) {
  console.log(`SKIP: real HiggsML sample not found at ${REAL_HIGGS_PATH}`);
  process.exit(0);
}
const halves = realHalves(real);
const { calibration } = halves;
const judged = args.half === "calibration" ? halves.calibration : halves.heldOut;
const n = judged.label.length;
const sim = simulateHiggs({ seed, nEvents: n });
const fmt = (x: number, d = 3): string => (Number.isNaN(x) ? "  -  " : x.toFixed(d));
console.log(`${args.half} real half: ${n} events; simulated: ${n} events (seed ${seed})\n`);

const [ksB, ksS] = ksTable(judged, sim);
console.log("feature                        KS s   KS b   -999 s real/sim   -999 b real/sim");
const all: { name: string; cls: string; ks: number }[] = [];
HIGGS_FEATURES.forEach((name, f) => {
  const s = ksS[f] as number;
  const b = ksB[f] as number;
  all.push({ name, cls: "s", ks: s }, { name, cls: "b", ks: b });
  const miss = (c: number): string => `${fmt(missingShare(judged, f, c), 2)} / ${fmt(missingShare(sim, f, c), 2)}`;
  console.log(`${name.padEnd(29)} ${fmt(s)}  ${fmt(b)}   ${miss(1).padEnd(16)}  ${miss(0)}`);
});
const over = all.filter((k) => k.ks > 0.1).sort((a, b) => b.ks - a.ks);
const worst = all.reduce((a, b) => (b.ks > a.ks ? b : a));
const meanKs = all.reduce((a, b) => a + b.ks, 0) / all.length;
console.log(
  `\nper-class KS: mean ${fmt(meanKs)}, worst ${fmt(worst.ks)} (${worst.name} ${worst.cls}); ${over.length} of ${all.length} above 0.1 [goal: none]`,
);
if (over.length > 0) console.log(`  above 0.1: ${over.map((k) => `${k.name} ${k.cls} ${fmt(k.ks)}`).join(", ")}`);

function jetShare(ev: HiggsEvents, cls: number, j: number): number {
  let k = 0;
  let t = 0;
  for (let i = 0; i < ev.label.length; i++) {
    if (ev.label[i] !== cls) continue;
    t++;
    if (ev.features[F.PRI_jet_num]?.[i] === j) k++;
  }
  return k / t;
}
console.log("\njet multiplicity   real (s / b)        sim (s / b)");
for (let j = 0; j <= 3; j++) {
  console.log(
    `  ${j}${j === 3 ? "+" : " "} jets          ${fmt(jetShare(judged, 1, j))} / ${fmt(jetShare(judged, 0, j))}       ${fmt(jetShare(sim, 1, j))} / ${fmt(jetShare(sim, 0, j))}`,
  );
}

const shares = (ev: HiggsEvents, c: number): string => Array.from(jetWeightShares(ev, c), (x) => fmt(x)).join(" ");
console.log("weight share per jet bin (0 1 2 3+): what AMS counts");
console.log(`  signal      real ${shares(judged, 1)}   sim ${shares(sim, 1)}`);
console.log(`  background  real ${shares(judged, 0)}   sim ${shares(sim, 0)}`);
console.log("jet pT 95th percentile (GeV)   real s / b        sim s / b");
for (const f of [F.PRI_jet_leading_pt, F.PRI_jet_subleading_pt]) {
  const p95 = (ev: HiggsEvents): string => `${fmt(definedQuantile(ev, f, 1, 0.95), 0)} / ${fmt(definedQuantile(ev, f, 0, 0.95), 0)}`;
  console.log(`  ${HIGGS_FEATURES[f]!.padEnd(27)} ${p95(judged).padEnd(16)}  ${p95(sim)}`);
}

const ztt = HIGGS_PROCESSES.indexOf("Ztautau");
console.log("\nDER_mass_MMC peaks (mean shift, ±12 GeV window)");
console.log(
  `  signal:                 real ${fmt(mmcPeak(judged, 1, 60, 200), 1)}  sim ${fmt(mmcPeak(sim, 1, 60, 200), 1)}  [goal 123–127]`,
);
console.log(
  `  background 60–110 GeV:  real ${fmt(mmcPeak(judged, 0, 60, 110), 1)}  sim ${fmt(mmcPeak(sim, 0, 60, 110), 1)}  (sim Z→ττ alone ${fmt(mmcPeak(sim, 0, 60, 110, ztt), 1)})  [goal 88–94]`,
);

const distinct = (ev: HiggsEvents, cls: number): number => new Set(ev.weight.filter((_, i) => ev.label[i] === cls)).size;
console.log(
  `\ndistinct weights: signal real ${distinct(judged, 1)} sim ${distinct(sim, 1)}; background real ${distinct(judged, 0)} sim ${distinct(sim, 0)}`,
);

let t0 = performance.now();
const auc = realVsSimAuc(judged, sim, seed);
console.log(
  `\nreal-vs-simulated AUC (GBDT 80 trees depth 4, held-out half of the pooled events): ${fmt(auc)}  [goal ≤ 0.75, stretch 0.65; ${((performance.now() - t0) / 1000).toFixed(1)} s]`,
);

if (args.half === "calibration") process.exit(0);
t0 = performance.now();
const repeats = Number(args.repeats);
const simTrain = simulateHiggs({ seed: seed + 1, nEvents: calibration.label.length });
const realToReal: number[] = [];
const simToReal: number[] = [];
for (let r = 1; r <= repeats; r++) {
  realToReal.push(transferAms(calibration, halves.heldOut, r));
  simToReal.push(transferAms(simTrain, halves.heldOut, r));
}
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const rr = mean(realToReal);
const sr = mean(simToReal);
console.log(
  `transfer AMS on the held-out real half (fixed GBDT recipe, ${calibration.label.length} training events, mean of ${repeats} cut splits):`,
);
console.log(
  `  real→real ${fmt(rr)} [${realToReal.map((x) => fmt(x)).join(", ")}]   sim→real ${fmt(sr)} [${simToReal.map((x) => fmt(x)).join(", ")}]   ratio ${fmt(sr / rr)}  [goal ≥ 0.95; ${((performance.now() - t0) / 1000).toFixed(1)} s]`,
);
