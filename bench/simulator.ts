/**
 * Speed of the Higgs simulator: 800,000 events (the built-in challenge's
 * 250k training + 550k test) on one core. Goal: under 30 s.
 * Usage: npm run bench:simulator [-- --events N]
 */
import { simulateHiggs } from "../challenges/higgs-tautau/simulator/simulate";

const arg = process.argv.indexOf("--events");
const nEvents = arg > 0 ? Number(process.argv[arg + 1]) : 800_000;

simulateHiggs({ seed: 1, nEvents: 10_000 }); // warm-up so the JIT has compiled the hot loop
const start = performance.now();
const events = simulateHiggs({ seed: 2014, nEvents });
const seconds = (performance.now() - start) / 1000;
let signal = 0;
for (const l of events.label) signal += l;
console.log(`simulateHiggs: ${nEvents.toLocaleString("en")} events in ${seconds.toFixed(2)} s`);
console.log(
  `throughput: ${Math.round(nEvents / seconds).toLocaleString("en")} events/s (goal: 800,000 in < 30 s -> ${(((seconds / 30) * 800_000) / nEvents).toFixed(2)} of budget)`,
);
console.log(`signal events: ${signal} (${((100 * signal) / nEvents).toFixed(1)}%)`);
