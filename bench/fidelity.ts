/**
 * Fidelity of the Higgs simulator against the 22,889 real HiggsML events:
 * per-feature KS distances (all / signal / background, on defined values),
 * share of -999 per feature, jet multiplicities, signal fraction, and the AUC
 * of a gradient-boosted classifier trained to tell real from simulated events
 * (0.5 = indistinguishable). Usage: npm run bench:fidelity [-- --seed N]
 */
import { HIGGS_FEATURES, MISSING, type HiggsEvents, FEATURE_INDEX } from "../challenges/higgs-tautau/schema";
import { simulateHiggs } from "../challenges/higgs-tautau/simulator/simulate";
import { Random } from "../challenges/shared/random";
import { weightedRocAuc } from "../scoring/metrics/roc-auc";
import { trainGbdt } from "./lib/gbdt";
import { ksDistance } from "./lib/ks";
import { loadRealHiggs, REAL_HIGGS_PATH } from "./lib/real-higgs";

const seedArg = process.argv.indexOf("--seed");
const seed = seedArg > 0 ? Number(process.argv[seedArg + 1]) : 2014;

const real = loadRealHiggs();
if (!real) {
  console.log(`SKIP: real HiggsML sample not found at ${REAL_HIGGS_PATH}`);
  process.exit(0);
}
const n = real.label.length;
const sim = simulateHiggs({ seed, nEvents: n });

/** Defined (non -999) values of feature f for events of the given class (undefined = all). */
function values(ev: HiggsEvents, f: number, cls?: number): Float64Array {
  const col = ev.features[f] as Float64Array;
  const out: number[] = [];
  for (let i = 0; i < col.length; i++) {
    if (col[i] !== MISSING && (cls === undefined || ev.label[i] === cls)) out.push(col[i] as number);
  }
  return Float64Array.from(out);
}

function missingShare(ev: HiggsEvents, f: number): number {
  const col = ev.features[f] as Float64Array;
  let m = 0;
  for (const x of col) if (x === MISSING) m++;
  return m / col.length;
}

function median(v: Float64Array): number {
  return v.length === 0 ? Number.NaN : (v.sort()[Math.floor(v.length / 2)] as number);
}

const fmt = (x: number, d = 3): string => (Number.isNaN(x) ? "  -  " : x.toFixed(d));
console.log(`real: ${n} events; simulated: ${n} events (seed ${seed})\n`);
console.log("feature                       KS all  KS s   KS b   -999 real  -999 sim   median real    sim");
let worst = 0;
let worstName = "";
HIGGS_FEATURES.forEach((name, f) => {
  const ks = [undefined, 1, 0].map((c) => ksDistance(values(real, f, c), values(sim, f, c)));
  for (const k of ks) if (k > worst) { worst = k; worstName = name; }
  const medians = [real, sim].map((ev) => fmt(median(values(ev, f)), 2).padStart(9));
  console.log(`${name.padEnd(29)} ${ks.map((k) => fmt(k)).join("  ")}  ${fmt(missingShare(real, f)).padStart(8)}  ${fmt(missingShare(sim, f)).padStart(8)}  ${medians.join(" ")}`);
});
console.log(`\nworst KS: ${fmt(worst)} (${worstName}); aim < 0.1`);

const jetCol = FEATURE_INDEX.PRI_jet_num;
console.log("\njet multiplicity   real (s / b)            sim (s / b)");
for (let j = 0; j <= 3; j++) {
  const share = (ev: HiggsEvents, cls: number): number => {
    let k = 0, t = 0;
    for (let i = 0; i < ev.label.length; i++) if (ev.label[i] === cls) { t++; if (ev.features[jetCol]?.[i] === j) k++; }
    return k / t;
  };
  console.log(`  ${j}${j === 3 ? "+" : " "} jets          ${fmt(share(real, 1))} / ${fmt(share(real, 0))}          ${fmt(share(sim, 1))} / ${fmt(share(sim, 0))}`);
}

function signalFractions(ev: HiggsEvents): [number, number] {
  let ns = 0, ws = 0, wt = 0;
  for (let i = 0; i < ev.label.length; i++) {
    wt += ev.weight[i] as number;
    if (ev.label[i] === 1) { ns++; ws += ev.weight[i] as number; }
  }
  return [ns / ev.label.length, ws / wt];
}
const [realCount, realWeighted] = signalFractions(real);
const [simCount, simWeighted] = signalFractions(sim);
console.log(`\nsignal fraction    count: real ${fmt(realCount)} sim ${fmt(simCount)}    weighted: real ${fmt(realWeighted, 5)} sim ${fmt(simWeighted, 5)}`);

// Real-vs-simulated classifier: pooled columns, label 1 = real, trained on a random half.
const pooled = HIGGS_FEATURES.map((_, f) => {
  const c = new Float64Array(2 * n);
  c.set(real.features[f] as Float64Array, 0);
  c.set(sim.features[f] as Float64Array, n);
  return c;
});
const isReal = new Uint8Array(2 * n).fill(1, 0, n);
const rng = new Random(seed).fork(99);
const inTrain = Uint8Array.from({ length: 2 * n }, () => (rng.uniform() < 0.5 ? 1 : 0));
const rows = (flag: number): Int32Array => Int32Array.from([...inTrain.keys()].filter((r) => inTrain[r] === flag));
const t0 = performance.now();
const model = trainGbdt(pooled, isReal, rows(1));
const testRows = rows(0);
const scores = Float64Array.from(testRows, (r) => model.predict(r));
const auc = weightedRocAuc(scores, Uint8Array.from(testRows, (r) => isReal[r] as number), null);
console.log(`\nreal-vs-simulated AUC (GBDT 80 trees depth 4, held-out half): ${fmt(auc)}  [aim < 0.75; ${((performance.now() - t0) / 1000).toFixed(1)} s]`);
