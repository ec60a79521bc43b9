/**
 * simulateHiggs: the seeded toy Monte Carlo of the HiggsML challenge. For each
 * event a process is drawn with its selected-event fraction, then candidates of
 * that process are generated until one passes the selection, so the sample's
 * composition is controlled directly and the run time is bounded by the
 * selection efficiency. Deterministic for a given seed and nEvents.
 */
import { Random } from "../../shared/random";
import { allocateHiggsEvents, HIGGS_PROCESSES, type HiggsEvents, type HiggsProcess } from "../schema";
import { DETECTOR, GGH, PROCESS_SHARES, TTBAR, VBF, VH, WJETS, ZTAUTAU } from "./config";
import { computeDerived } from "./derived-features";
import { reconstruct } from "./detector";
import { generateDitau, generateTtbar, generateVbf, generateVh, generateWjets } from "./processes";
import { TruthEvent } from "./truth-event";
import { assignWeights, isSignalProcess } from "./weights";

export interface SimulateOptions {
  seed: number;
  nEvents: number;
  /** Id of the first event; ids are consecutive (Kaggle's training set starts at 100000). */
  firstEventId?: number;
}

/** A process whose selection efficiency is this low signals a broken configuration, not bad luck. */
const MAX_TRIES = 100_000;

const GENERATORS: { readonly [P in HiggsProcess]: (rng: Random, ev: TruthEvent) => void } = {
  ggH: (rng, ev) => generateDitau(rng, ev, GGH, true),
  VBF: (rng, ev) => generateVbf(rng, ev, VBF),
  VH: (rng, ev) => generateVh(rng, ev, VH),
  Ztautau: (rng, ev) => generateDitau(rng, ev, ZTAUTAU, false),
  ttbar: (rng, ev) => generateTtbar(rng, ev, TTBAR),
  Wjets: (rng, ev) => generateWjets(rng, ev, WJETS),
};

export function simulateHiggs({ seed, nEvents, firstEventId = 100000 }: SimulateOptions): HiggsEvents {
  if (!Number.isInteger(nEvents) || nEvents < 0) throw new RangeError(`nEvents must be a non-negative integer, got ${nEvents}`);
  if (!Number.isInteger(firstEventId) || firstEventId < 0 || firstEventId + nEvents > 2 ** 31) {
    throw new RangeError(`event ids must fit in int32, got firstEventId ${firstEventId}`);
  }
  const root = new Random(seed);
  const processRng = root.fork(1);
  const physicsRng = root.fork(2);
  const events = allocateHiggsEvents(nEvents, true);
  const process = events.process as Uint8Array;
  const fractions = HIGGS_PROCESSES.map((name) => PROCESS_SHARES[name].countFraction);
  const generators = HIGGS_PROCESSES.map((name) => GENERATORS[name]);
  const truth = new TruthEvent();

  for (let i = 0; i < nEvents; i++) {
    const p = processRng.choiceIndex(fractions);
    const generate = generators[p] as (rng: Random, ev: TruthEvent) => void;
    let tries = 0;
    do {
      if (++tries > MAX_TRIES) throw new Error(`process ${HIGGS_PROCESSES[p]} passes the selection too rarely`);
      truth.reset();
      generate(physicsRng, truth);
    } while (!reconstruct(physicsRng, truth, DETECTOR, events.features, i));
    computeDerived(events.features, i);
    events.eventId[i] = firstEventId + i;
    process[i] = p;
    events.label[i] = isSignalProcess(p) ? 1 : 0;
  }
  assignWeights(process, events.weight);
  return events;
}
